// A fresh store for every measured row: its own redis-server, and a FerretDB on a new PostgreSQL
// database (or, with SQLite, a new data directory), reached through the command counter.
import { Redis } from 'ioredis';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerretDB, startRedis } from '../../scripts/lib/services.mjs';
import { startCommandCounter } from './mongo-commands.mjs';

/** PostgreSQL as these machines run it: local, trust authentication, user postgres. */
const POSTGRESQL = process.env.BENCH_POSTGRESQL_URL ?? 'postgres://postgres@127.0.0.1:5432';

function psql(sql) {
  const run = spawnSync('psql', [`${POSTGRESQL}/postgres`, '-q', '-c', sql], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql ${sql}: ${run.stderr || run.error?.message}`);
}

/**
 * @param {'postgresql' | 'sqlite'} backend @param {string} name unique per row, [a-z0-9_]
 * @returns {Promise<{ mongoUri: string, redisUrl: string, redis: Redis, counter: Awaited<ReturnType<typeof startCommandCounter>>, stop: () => Promise<void> }>}
 */
export async function openStore(backend, name) {
  const dataDir = mkdtempSync(join(tmpdir(), 'novapulse-bench-'));
  const stops = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stops.splice(0).reverse())
      await step().catch((error) => console.error(`clean-up: ${error.message}`));
  };
  try {
    let postgresql;
    if (backend === 'postgresql') {
      psql(`CREATE DATABASE ${name}`);
      stops.push(async () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      postgresql = `${POSTGRESQL}/${name}`;
    }
    const ferretdb = await startFerretDB({ dataDir, postgresql });
    stops.push(ferretdb.stop);
    const counter = await startCommandCounter(ferretdb.port);
    stops.push(counter.close);
    const { url: redisUrl, port, stop: stopRedis } = await startRedis();
    stops.push(stopRedis);
    const redis = new Redis({ port, lazyConnect: true });
    await redis.connect();
    stops.push(async () => void redis.disconnect());
    return { mongoUri: `${counter.uri}/bench`, redisUrl, redis, counter, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
