// The same authenticated route (GET /api/v1/auth/me) on two API processes sharing FerretDB and
// Redis: one with the rate-limit guard on (a limit it never reaches), one with it off. Prints
// throughput side by side and the ratio (target ≥ 0.85). Run `npm run build` first.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validEnv } from '../scripts/lib/env.mjs';
import { runEntry, waitUntilReady } from '../scripts/lib/processes.mjs';
import { freePort, startFerretDB, startRedis } from '../scripts/lib/services.mjs';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;

const dataDir = mkdtempSync(join(tmpdir(), 'novapulse-bench-'));
const [mongo, redis] = await Promise.all([startFerretDB({ dataDir }), startRedis()]);
// One environment for both processes: a token either one signs, the other accepts.
const baseEnv = validEnv(
  { mongoUri: `${mongo.uri}/bench`, redisUrl: redis.url },
  { NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' },
);

async function startApi(rateLimiting) {
  const port = await freePort();
  const api = runEntry(
    'api',
    { ...baseEnv, PORT: String(port), RATE_LIMIT_ENABLED: String(rateLimiting) },
    { tracing: false, inheritOutput: true },
  );
  const url = `http://127.0.0.1:${port}/api/v1`;
  await waitUntilReady(api, `${url}/health/ready`);
  return { url, api };
}

async function accessToken(url) {
  const credentials = { email: 'bench@example.com', password: 'a long bench password' };
  const post = (path, body) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('/auth/register', { ...credentials, name: 'Bench' });
  return (await (await post('/auth/login', credentials)).json()).accessToken;
}

function load(url, token) {
  return autocannon({
    url: `${url}/auth/me`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${token}` },
  });
}

const on = await startApi(true);
const off = await startApi(false);
try {
  const token = await accessToken(on.url);
  await load(off.url, token); // warm-up, discarded
  await load(on.url, token);
  const withoutGuard = await load(off.url, token);
  const withGuard = await load(on.url, token);
  const row = (name, r) =>
    `${name.padEnd(16)} ${String(Math.round(r.requests.average)).padStart(8)} req/s   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}`;
  console.log(`GET /api/v1/auth/me, ${CONNECTIONS} connections, ${DURATION_S} s each`);
  console.log(row('guard off', withoutGuard));
  console.log(row('guard on', withGuard));
  console.log(
    `ratio on/off: ${(withGuard.requests.average / withoutGuard.requests.average).toFixed(3)} (target ≥ 0.85)`,
  );
} finally {
  await Promise.all([on, off].map(({ api }) => api.stop()));
  await Promise.all([mongo.stop(), redis.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
}
