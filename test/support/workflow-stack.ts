import mongoose from 'mongoose';
import { runEntry, type RunningProcess, waitUntilReady } from '../../scripts/lib/processes.mjs';
import { startRedis } from '../../scripts/lib/services.mjs';
import { startSmtpSink } from '../../scripts/lib/smtp-sink.mjs';
import type { TestAccount } from './accounts.js';
import type { TestApi } from './api.js';
import { waitFor } from './test-env.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { startApiStack } from './webhook-stack.js';

export interface WorkflowTestStack {
  api: TestApi;
  account: TestAccount;
  env: Record<string, string>;
  db: mongoose.Connection;
  sink: Awaited<ReturnType<typeof startSmtpSink>>;
  receiver: WebhookReceiver;
  redis: { url: string; stop: () => Promise<void> };
  /** Starts a worker of every queue, with `overrides` on the stack's environment; stopped after the tests. */
  startWorker: (overrides?: Record<string, string>) => Promise<RunningProcess>;
  /** Stops every worker started so far (also one that never became ready). */
  stopWorkers: () => Promise<void>;
}

/**
 * For a describe block: an API, an SMTP sink, a webhook receiver and a private Redis (a test may flush
 * it); workers are started by the tests. Short sweeper and stall times so crash recovery is quick.
 */
export function withWorkflowStack(take: (stack: WorkflowTestStack) => void): void {
  const started: RunningProcess[] = [];
  let stack: Partial<WorkflowTestStack> = {};
  beforeAll(async () => {
    const redis = await startRedis();
    const sink = await startSmtpSink();
    const base = await startApiStack({
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      WORKER_QUEUES: 'email,webhook,workflow',
      QUEUE_STALL_TIMEOUT_MS: '2000',
      WORKFLOW_SWEEP_INTERVAL_MS: '500',
      WORKFLOW_REARM_AFTER_MS: '1500',
      RATE_LIMIT_ENABLED: 'false',
    });
    const startWorker = async (overrides: Record<string, string> = {}) => {
      const env = { ...base.env, ...overrides };
      const worker = runEntry('worker', env);
      started.push(worker);
      // A loaded machine can take a while to start a process.
      await waitUntilReady(worker, `http://127.0.0.1:${env.WORKER_PORT}/health/ready`, 60_000);
      return worker;
    };
    const stopWorkers = async () => {
      await Promise.all(started.splice(0).map((worker) => worker.stop()));
    };
    stack = {
      api: base.api,
      account: base.account,
      env: base.env,
      db: await mongoose.createConnection(base.env.MONGO_URI!).asPromise(),
      sink,
      receiver: await startWebhookReceiver(),
      redis,
      startWorker,
      stopWorkers,
    };
    take(stack as WorkflowTestStack);
  });
  afterAll(async () => {
    await stack.api?.close();
    await stack.stopWorkers?.();
    await stack.receiver?.close();
    await stack.sink?.close();
    await stack.db?.dropDatabase();
    await stack.db?.close();
    await stack.redis?.stop();
  });
}

export async function createWorkflow(api: TestApi, account: TestAccount, body: unknown): Promise<{ id: string }> {
  const created = await api.request('POST', '/workflows', {
    token: account.accessToken,
    headers: { 'x-org-id': account.orgId },
    body,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string };
}

export function runsOf(api: TestApi, account: TestAccount, workflowId: string, query = '') {
  return api.request('GET', `/workflows/${workflowId}/runs${query}`, {
    token: account.accessToken,
    headers: { 'x-org-id': account.orgId },
  });
}

/** The workflow's only run, once it has ended (or reached `status`). */
export async function settledRun(
  api: TestApi,
  account: TestAccount,
  workflowId: string,
  status: string[] = ['succeeded', 'failed', 'cancelled'],
  timeoutMs = 30_000,
) {
  return waitFor(
    async () => {
      const page = await runsOf(api, account, workflowId);
      const run = page.body.items?.[0];
      return run && status.includes(run.status) ? run : null;
    },
    `a run of ${workflowId} to be ${status.join(' or ')}`,
    timeoutMs,
  );
}
