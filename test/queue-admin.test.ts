import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startRedis } from '../scripts/lib/services.mjs';
import { countJobEnds } from '../worker/job-end-counter.js';
import type { TestAccount } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { operatorCommand, signUpOperator, signUpOperatorRouteCallers } from './support/operators.js';
import { isolatedEnv, waitFor } from './support/test-env.js';
import { codeAt } from './support/totp.js';

const QUEUES = ['email', 'webhook', 'workflow', 'report'];

describe('the operator role and the queue routes', () => {
  const env = isolatedEnv();
  const connection = () => new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
  let api: TestApi;
  let operator: TestAccount;
  let admin: TestAccount;
  let apiKey: string;
  const get = (path: string, token?: string) => api.request('GET', path, { token });

  beforeAll(async () => {
    api = await startApi(env);
    ({ operator, admin, apiKey } = await signUpOperatorRouteCallers(api, env));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses anonymous callers, org admins and API keys on every operator route', async () => {
    for (const [method, path] of [
      ['GET', '/queue/stats'],
      ['GET', '/queue/email/failed'],
      ['POST', '/queue/email/jobs/1/retry'],
    ] as const) {
      expect((await api.request(method, path)).status).toBe(401);
      const asAdmin = await api.request(method, path, { token: admin.accessToken });
      expect([asAdmin.status, asAdmin.body.message]).toEqual([403, 'Only platform operators may do this']);
      expect((await api.request(method, path, { token: apiKey })).status).toBe(403);
    }
  });

  it('counts what was enqueued and what the workers finished, the last minute included', async () => {
    const prefix = env.QUEUE_PREFIX!;
    const report = new Queue('report', { connection: connection(), prefix });
    const workflow = new Queue('workflow', { connection: connection(), prefix });
    try {
      await report.addBulk(
        ['ok', 'ok', 'ok', 'fail'].map((outcome) => ({ name: 'generate', data: { outcome }, opts: { attempts: 1 } })),
      );
      // A worker counts job ends as every worker process does (DrainingWorker wires the same counter).
      const worker = new Worker(
        'report',
        async (job: Job<{ outcome: string }>) => {
          if (job.data.outcome === 'fail') throw new Error('made to fail');
        },
        { connection: connection(), prefix },
      );
      countJobEnds(worker);
      await waitFor(async () => (await report.getJobCounts('completed', 'failed')).failed === 1, 'the jobs to run');
      await worker.close();
      await workflow.add('run', { workflowRunId: 'x' });
      await workflow.add('run', { workflowRunId: 'y' });
      await workflow.add('run', { workflowRunId: 'z' }, { delay: 60_000 });

      const stats = await waitFor(async () => {
        const answer = await get('/queue/stats', operator.accessToken);
        return answer.body.queues?.report?.ended?.last1m?.failed === 1 && answer;
      }, 'the counters');
      expect(stats.status).toBe(200);
      expect(Date.parse(stats.body.generatedAt)).toBeGreaterThan(Date.now() - 10_000);
      expect(Object.keys(stats.body.queues).sort()).toEqual([...QUEUES].sort());
      expect(stats.body.queues.report).toMatchObject({
        available: true,
        counts: { waiting: 0, completed: 3, failed: 1, delayed: 0 },
        paused: false,
        oldestWaitingAgeMs: null,
        ended: {
          last1m: { completed: 3, failed: 1, failureRate: 0.25 },
          last60m: { completed: 3, failed: 1, failureRate: 0.25 },
        },
      });
      expect(stats.body.queues.workflow).toMatchObject({
        available: true,
        counts: { waiting: 2, delayed: 1, failed: 0, completed: 0, active: 0, prioritized: 0, 'waiting-children': 0 },
        workers: 0,
        oldestWaitingAgeMs: expect.any(Number),
        ended: { last5m: { completed: 0, failed: 0, failureRate: 0 } },
      });
    } finally {
      await report.close();
      await workflow.close();
    }
  });

  it('exports the oldest waiting job of each queue as a gauge, the same age queue/stats gives', async () => {
    const report = new Queue('report', { connection: connection(), prefix: env.QUEUE_PREFIX! });
    try {
      // Nothing waits in report (the jobs above ran). The next job to be taken is the one added first;
      // a delayed job does not wait in turn, however old.
      await report.add('generate', { reportId: 'a' }, { timestamp: Date.now() - 120_000 });
      await report.add('generate', { reportId: 'b' }, { timestamp: Date.now() - 10_000 });
      await report.add('generate', { reportId: 'c' }, { delay: 60_000, timestamp: Date.now() - 600_000 });
      const metrics = await api.request('GET', '/metrics');
      const gauge = (queue: string) =>
        Number(
          new RegExp(`^novapulse_queue_oldest_waiting_age_seconds\\{queue="${queue}"\\} (\\S+)$`, 'm').exec(
            metrics.text,
          )?.[1],
        );
      expect(gauge('report')).toBeGreaterThanOrEqual(120);
      expect(gauge('report')).toBeLessThan(130);
      expect(gauge('webhook')).toBe(0);
      const stats = (await get('/queue/stats', operator.accessToken)).body.queues;
      expect(stats.report.oldestWaitingAgeMs).toBeGreaterThanOrEqual(gauge('report') * 1_000);
      expect(stats.report.oldestWaitingAgeMs).toBeLessThan(130_000);
      expect(stats.webhook.oldestWaitingAgeMs).toBeNull();
    } finally {
      await report.drain(true);
      await report.close();
    }
  });

  it('lists failed jobs in pages and retries one, once', async () => {
    const first = await get('/queue/report/failed?limit=1', operator.accessToken);
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      {
        id: expect.any(String),
        name: 'generate',
        failedReason: 'made to fail',
        attemptsMade: 1,
        failedAt: expect.any(String),
      },
    ]);
    expect(first.body.nextCursor).toBeNull();
    const jobId = first.body.items[0].id;

    const retries = await Promise.all(
      [1, 2, 3].map(() => api.request('POST', `/queue/report/jobs/${jobId}/retry`, { token: operator.accessToken })),
    );
    expect(retries.map((r) => r.status).sort()).toEqual([202, 409, 409]);
    expect((await get('/queue/report/failed', operator.accessToken)).body.items).toEqual([]);
    expect((await api.request('POST', '/queue/report/jobs/999999/retry', { token: operator.accessToken })).status).toBe(
      404,
    );
    const badName = await get('/queue/nope/failed', operator.accessToken);
    expect([badName.status, badName.body.details]).toEqual([400, [{ field: 'name', problem: expect.any(String) }]]);
  });

  it('pages failed jobs by cursor without skipping or repeating any while new failures arrive', async () => {
    const prefix = env.QUEUE_PREFIX!;
    const redis = connection();
    const webhook = new Queue('webhook', { connection: connection(), prefix });
    const worker = new Worker(
      'webhook',
      async () => {
        throw new Error('receiver down');
      },
      { connection: connection(), prefix },
    );
    const failNew = async (count: number) => {
      const before = (await webhook.getJobCounts('failed')).failed!;
      await webhook.addBulk(
        Array.from({ length: count }, () => ({ name: 'deliver', data: {}, opts: { attempts: 1 } })),
      );
      await waitFor(async () => (await webhook.getJobCounts('failed')).failed === before + count, 'new failures');
    };
    try {
      await failNew(12);
      const original = await webhook.getFailed(0, -1);
      // Two groups failing in the same millisecond, so page boundaries fall inside ties.
      const key = webhook.toKey('failed');
      const scoreOf = (i: number) => String(Date.now() - (i < 6 ? 60_000 : 30_000));
      for (const [i, job] of original.entries()) await redis.zadd(key, 'XX', scoreOf(i), job.id!);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await get(`/queue/webhook/failed?limit=5${query}`, operator.accessToken);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
        pages++;
        await failNew(3); // newer than every job of the walk: they belong on a new first page
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(12);
      expect([...seen].sort()).toEqual(original.map((job) => job.id!).sort());

      const fresh = await get('/queue/webhook/failed?limit=9', operator.accessToken);
      expect(fresh.body.items.map((item: { id: string }) => item.id).filter((id: string) => seen.includes(id))).toEqual(
        [],
      );
      for (const bad of ['5', 'not a cursor', Buffer.from('soon:1').toString('base64url')]) {
        const refused = await get(`/queue/webhook/failed?cursor=${encodeURIComponent(bad)}`, operator.accessToken);
        expect([refused.status, refused.body.details]).toEqual([
          400,
          [{ field: 'cursor', problem: 'must be a cursor from a previous page' }],
        ]);
      }
    } finally {
      await worker.close();
      await webhook.obliterate({ force: true });
      await webhook.close();
      redis.disconnect();
    }
  });

  it('takes a revoke on the next request, and a grant by the command only', async () => {
    expect((await get('/queue/stats', operator.accessToken)).status).toBe(200);
    const revoked = await operatorCommand(env, 'revoke', operator.email);
    expect([revoked.code, revoked.stdout]).toEqual([0, `${operator.email} is no longer a platform operator\n`]);
    expect((await get('/queue/stats', operator.accessToken)).status).toBe(403);

    const unknown = await operatorCommand(env, 'grant', 'nobody@example.com');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'no user has the email nobody@example.com\n']);
    expect((await operatorCommand(env, 'promote', operator.email)).code).toBe(2);

    expect((await operatorCommand(env, 'grant', operator.email)).code).toBe(0);
    expect((await get('/queue/stats', operator.accessToken)).status).toBe(200);
  });

  it('refuses an operator with MFA on whose sign-in did not pass it', async () => {
    const post = (path: string, body: unknown, token = operator.accessToken) =>
      api.request('POST', path, { token, body });
    const { secret } = (await post('/mfa/setup', { password: operator.password })).body;
    expect((await post('/mfa/verify', { code: await codeAt(secret) })).status).toBe(201);

    const before = await get('/queue/stats', operator.accessToken);
    expect([before.status, before.body.message]).toEqual([
      403,
      'Operator routes need a sign-in that passed MFA; sign in again',
    ]);
    const password = await post('/auth/login', { email: operator.email, password: operator.password }, '');
    const withMfa = await post(
      '/auth/login/mfa',
      { mfaToken: password.body.mfaToken, code: await codeAt(secret, 1) },
      '',
    );
    expect(withMfa.status).toBe(200);
    expect((await get('/queue/stats', withMfa.body.accessToken)).status).toBe(200);
  });
});

describe('queue statistics while Redis is down', () => {
  it('answers within 1.5 s with every queue marked unavailable', async () => {
    const redis = await startRedis();
    const env = isolatedEnv({ REDIS_URL: redis.url });
    const api = await startApi(env);
    try {
      const operator = await signUpOperator(api, env);
      expect(
        (await api.request('GET', '/queue/stats', { token: operator.accessToken })).body.queues.email.available,
      ).toBe(true);
      await redis.stop();
      const started = Date.now();
      const stats = await api.request('GET', '/queue/stats', { token: operator.accessToken });
      const tookMs = Date.now() - started;
      expect(stats.status).toBe(200);
      expect(tookMs).toBeLessThan(1_500);
      for (const queue of QUEUES)
        expect(stats.body.queues[queue]).toEqual({ available: false, reason: expect.any(String) });
    } finally {
      await api.close();
      await redis.stop();
    }
  });
});
