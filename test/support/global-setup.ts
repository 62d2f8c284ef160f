import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerretDB, startRedis } from '../../scripts/lib/services.mjs';

interface Started {
  stop: () => Promise<void>;
}

declare global {
  var __NOVAPULSE_SERVICES__: Started[] | undefined;
}

/** One FerretDB and one redis-server for the whole run, on free ports; each test file uses its own database and queue prefix. */
export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'novapulse-ferretdb-'));
  const [mongo, redis] = await Promise.all([startFerretDB({ dataDir }), startRedis()]);
  globalThis.__NOVAPULSE_SERVICES__ = [mongo, redis];
  process.env.TEST_MONGO_URL = mongo.uri;
  process.env.TEST_REDIS_URL = redis.url;
  process.env.TEST_DATA_DIR = dataDir;
}
