import mongoose from 'mongoose';
import { runEntry, type RunningProcess, waitUntilReady } from '../../scripts/lib/processes.mjs';
import { freePort } from '../../scripts/lib/services.mjs';
import { startApiWithAccount, type TestAccount } from './accounts.js';
import type { TestApi } from './api.js';
import { isolatedEnv } from './test-env.js';
import { type ReceiverOptions, startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

/** An API in this process and a signed-up account; `startWorker` runs a webhook worker process beside it. */
export async function startApiStack(overrides: Record<string, string> = {}) {
  const workerPort = await freePort();
  const env = isolatedEnv({
    WORKER_QUEUES: 'webhook',
    WORKER_PORT: String(workerPort),
    WEBHOOK_RETRY_SCHEDULE: '0,1,1',
    WEBHOOK_TIMEOUT_MS: '2000',
    ...overrides,
  });
  const { api, account } = await startApiWithAccount(env);
  const startWorker = async () => {
    const worker = runEntry('worker', env);
    await waitUntilReady(worker, `http://127.0.0.1:${workerPort}/health/ready`);
    return worker;
  };
  return { api, account, env, startWorker };
}

/** An API in this process and a webhook worker process, sharing FerretDB and one Redis. */
export async function startStack(overrides: Record<string, string> = {}) {
  const stack = await startApiStack(overrides);
  return { ...stack, worker: await stack.startWorker() };
}

export async function createEndpoint(
  api: TestApi,
  account: TestAccount,
  receiver: WebhookReceiver,
  eventTypes = ['*'],
) {
  const created = await api.request('POST', '/webhooks', {
    token: account.accessToken,
    headers: { 'x-org-id': account.orgId },
    body: { url: receiver.url, eventTypes },
  });
  expect(created.status).toBe(201);
  receiver.useSecret(created.body.secret);
  return created.body as { id: string; secret: string };
}

export const publish = (api: TestApi, account: TestAccount, body: unknown, headers: Record<string, string> = {}) =>
  api.request('POST', '/events', {
    token: account.accessToken,
    headers: { 'x-org-id': account.orgId, ...headers },
    body,
  });

/** `POST /events` with a body sent exactly as written: `publish`'s JSON.stringify would reshape it first. */
export const publishRaw = (api: TestApi, account: TestAccount, text: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${account.accessToken}`,
      'x-org-id': account.orgId,
      'content-type': 'application/json',
      ...headers,
    },
    body: text,
  });

/** The q-quantile (0..1) of some numbers, nearest rank. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface WebhookTestStack {
  api: TestApi;
  account: TestAccount;
  env: Record<string, string>;
  /** The worker process, unless the stack was asked to start without one. */
  worker: RunningProcess | undefined;
  /** Starts a webhook worker; the stack stops it after the tests. */
  startWorker: () => Promise<RunningProcess>;
  db: mongoose.Connection;
  receiver: WebhookReceiver;
}

/**
 * For a describe block (or a file): an API with an account, a webhook worker process (unless `worker`
 * is false), a connection to the store and a receiver, started before the tests and stopped after.
 */
export function withWebhookStack(
  options: { env?: Record<string, string>; receiver?: ReceiverOptions; worker?: boolean },
  take: (stack: WebhookTestStack) => void,
): void {
  const started: RunningProcess[] = [];
  let stack: Partial<WebhookTestStack> = {};
  beforeAll(async () => {
    const { api, account, env, startWorker: start } = await startApiStack(options.env);
    const startWorker = async () => {
      const worker = await start();
      started.push(worker);
      return worker;
    };
    stack = { api, account, env, startWorker };
    stack.worker = options.worker === false ? undefined : await startWorker();
    stack.db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    stack.receiver = await startWebhookReceiver(options.receiver);
    take(stack as WebhookTestStack);
  });
  afterAll(async () => {
    await stack.api?.close();
    await Promise.all(started.map((worker) => worker.stop()));
    await stack.receiver?.close();
    await stack.db?.close();
  });
}
