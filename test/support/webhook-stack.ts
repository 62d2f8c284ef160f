import { runEntry, waitUntilReady } from '../../scripts/lib/processes.mjs';
import { freePort } from '../../scripts/lib/services.mjs';
import { startApiWithAccount, type TestAccount } from './accounts.js';
import type { TestApi } from './api.js';
import { isolatedEnv } from './test-env.js';
import type { WebhookReceiver } from './webhook-receiver.js';

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

/** The q-quantile (0..1) of some numbers, nearest rank. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
