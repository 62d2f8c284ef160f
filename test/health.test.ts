import { freePort, startRedis } from '../scripts/lib/services.mjs';
import { type RunningProcess, runEntry, waitUntilReady } from './support/processes.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

interface ProbeBody {
  status: string;
  message?: string;
  error: Record<string, { status: string }>;
}

async function probe(url: string) {
  const startedAt = Date.now();
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as ProbeBody, tookMs: Date.now() - startedAt };
}

describe('readiness when Redis stops (a redis-server this test owns)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let api: RunningProcess;
  let worker: RunningProcess;
  let apiReady: string;
  let workerReady: string;

  beforeAll(async () => {
    redis = await startRedis();
    const [port, workerPort] = [await freePort(), await freePort()];
    const env = isolatedEnv({ REDIS_URL: redis.url, PORT: String(port), WORKER_PORT: String(workerPort) });
    apiReady = `http://127.0.0.1:${port}/api/v1/health/ready`;
    workerReady = `http://127.0.0.1:${workerPort}/health/ready`;
    api = runEntry('api', env);
    worker = runEntry('worker', env);
    await Promise.all([waitUntilReady(api, apiReady), waitUntilReady(worker, workerReady)]);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.stop();
  });

  it('answers 503 naming Redis within 1 s, keeps liveness at 200, and recovers without a restart', async () => {
    await redis.stop();
    const stoppedAt = Date.now();

    for (const url of [apiReady, workerReady]) {
      const result = await probe(url);
      expect(result.status).toBe(503);
      expect(result.body.error.redis).toMatchObject({ status: 'down' });
      expect(result.body.message).toContain('redis');
      expect(result.tookMs).toBeLessThan(1_000);
    }
    expect(Date.now() - stoppedAt).toBeLessThan(2_000);
    expect((await fetch(apiReady.replace('ready', 'live'))).status).toBe(200);

    redis = await startRedis({ port: redis.port });
    await waitFor(async () => (await probe(apiReady)).status === 200, 'the API to be ready again', 10_000);
    await waitFor(async () => (await probe(workerReady)).status === 200, 'the worker to be ready again', 10_000);
  });

  it('still shuts the worker down cleanly and promptly right after the outage', async () => {
    const signalledAt = Date.now();
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
  });
});
