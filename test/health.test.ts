import mongoose from 'mongoose';
import { runApiAndWorker, type RunningProcess } from '../scripts/lib/processes.mjs';
import { freePort, startRedis } from '../scripts/lib/services.mjs';
import { startApi, type TestApi } from './support/api.js';
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
  let apiFull: string;
  let workerReady: string;
  let workerFull: string;

  beforeAll(async () => {
    redis = await startRedis();
    const [port, workerPort] = [await freePort(), await freePort()];
    const env = isolatedEnv({ REDIS_URL: redis.url, PORT: String(port), WORKER_PORT: String(workerPort) });
    apiReady = `http://127.0.0.1:${port}/api/v1/health/ready`;
    apiFull = `http://127.0.0.1:${port}/api/v1/health`;
    workerReady = `http://127.0.0.1:${workerPort}/health/ready`;
    workerFull = `http://127.0.0.1:${workerPort}/health`;
    ({ api, worker } = await runApiAndWorker(env));
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.stop();
  });

  it("keeps the API ready (it serves without Redis), turns the worker's readiness and both full checks 503 within 1 s, and recovers without a restart", async () => {
    await redis.stop();
    const stoppedAt = Date.now();

    for (const url of [workerReady, apiFull, workerFull]) {
      const result = await probe(url);
      expect(result.status).toBe(503);
      expect(result.body.error.redis).toMatchObject({ status: 'down' });
      expect(result.body.message).toContain('redis');
      expect(result.tookMs).toBeLessThan(1_000);
    }
    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    const apiReadiness = await probe(apiReady);
    expect(apiReadiness.status).toBe(200);
    expect(apiReadiness.body.status).toBe('ok');
    expect((await fetch(apiReady.replace('ready', 'live'))).status).toBe(200);

    // Scrapes do not wait on the dead Redis: the queue gauges are left without samples instead.
    for (const url of [apiFull.replace('/health', '/metrics'), workerFull.replace('/health', '/metrics')]) {
      const startedAt = Date.now();
      const scrape = await fetch(url);
      expect(scrape.status).toBe(200);
      expect(Date.now() - startedAt).toBeLessThan(1_500);
      expect(await scrape.text()).not.toMatch(/^novapulse_queue_(jobs|oldest_waiting_age_seconds)\{/m);
    }

    redis = await startRedis({ port: redis.port });
    await waitFor(async () => (await probe(workerReady)).status === 200, 'the worker to be ready again', 10_000);
    await waitFor(async () => (await probe(apiFull)).status === 200, 'the API to be healthy again', 10_000);
  });

  it('still shuts the worker down cleanly and promptly right after the outage', async () => {
    const signalledAt = Date.now();
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
  });
});

describe('full health (/api/v1/health)', () => {
  let api: TestApi | undefined;
  let db: mongoose.Connection | undefined;

  const start = async (env: Record<string, string>) => {
    api = await startApi(env);
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    return api;
  };

  afterEach(async () => {
    await api?.close();
    await db?.dropDatabase();
    await db?.close();
    api = db = undefined;
  });

  it('reports Mongo, Redis, heap, RSS and the outbox backlog, and names each check that is over its limit', async () => {
    // The API runs inside Jest's process, whose memory says nothing about the API: limits out of its reach.
    const served = await start(
      isolatedEnv({ HEALTH_OUTBOX_MAX_PENDING: '2', HEALTH_HEAP_MAX_MB: '65536', HEALTH_RSS_MAX_MB: '65536' }),
    );
    const healthy = await served.request('GET', '/health');
    expect(healthy.status).toBe(200);
    expect(Object.keys(healthy.body.details).sort()).toEqual(['memory_heap', 'memory_rss', 'mongo', 'outbox', 'redis']);
    expect(healthy.body.details.outbox).toMatchObject({ status: 'up', webhook: 0, email: 0, max: 2 });

    const queued = { to: 'a@example.com', template: 'invitation', variables: {}, status: 'queued', attempts: 0 };
    await db!.collection('email_messages').insertMany([{ ...queued }, { ...queued }, { ...queued }]);
    // Counts are shared for 5 s between scrapes and probes.
    const backlogged = await waitFor(
      async () => {
        const answer = await served.request('GET', '/health');
        return answer.status === 503 ? answer : undefined;
      },
      'the outbox backlog to show',
      10_000,
    );
    expect(backlogged.body.error.outbox).toMatchObject({ status: 'down', email: 3, max: 2 });
    expect(backlogged.body.message).toBe('unavailable: outbox');
    // Readiness does not look at the backlog.
    expect((await served.request('GET', '/health/ready')).status).toBe(200);
  });

  it('is 503 naming memory_heap when the heap is above HEALTH_HEAP_MAX_MB', async () => {
    // RSS gets a ceiling Jest's process cannot reach: the heap alone is over.
    const served = await start(isolatedEnv({ HEALTH_HEAP_MAX_MB: '16', HEALTH_RSS_MAX_MB: '65536' }));
    const answer = await served.request('GET', '/health');
    expect(answer.status).toBe(503);
    expect(answer.body.error.memory_heap).toMatchObject({ status: 'down' });
    expect(answer.body.details.memory_rss).toMatchObject({ status: 'up' });
  });
});
