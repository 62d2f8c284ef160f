// NovaPulse as it runs in production: the built API and a webhook worker, each its own process, and
// the HTTP calls the bench makes to them (an account, an API key, endpoints, events).
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';
import { validEnv } from '../../scripts/lib/env.mjs';
import { runApiAndWorker } from '../../scripts/lib/processes.mjs';
import { freePort } from '../../scripts/lib/services.mjs';

/** The bench's child processes keep only the end of their output, and are killed if they hang on stop. */
export const BENCH_PROCESS = { keepOutput: 20_000, killAfterMs: 10_000 };

/** @param {{ mongoUri: string, redisUrl: string, concurrency: number, queuePrefix: string }} options */
export async function startNovaPulse({ mongoUri, redisUrl, concurrency, queuePrefix }) {
  const [apiPort, workerPort] = await Promise.all([freePort(), freePort()]);
  const env = validEnv(
    { mongoUri, redisUrl },
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: queuePrefix,
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      WORKER_QUEUES: 'webhook',
      QUEUE_CONCURRENCY_WEBHOOK: String(concurrency),
      // The baseline has no per-endpoint cap: one endpoint may take every worker slot here too.
      WEBHOOK_ENDPOINT_CONCURRENCY: String(concurrency),
      // The bench measures delivery, not the limiter (it has its own bench).
      RATE_LIMIT_ENABLED: 'false',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
    },
  );
  const { api, worker, apiUrl, stop } = await runApiAndWorker(env, {
    tracing: false,
    ...BENCH_PROCESS,
    readyTimeoutMs: 30_000,
  });
  return { client: apiClient(apiUrl), pids: { api: api.child.pid, worker: worker.child.pid }, stop };
}

function apiClient(apiUrl) {
  const dispatcher = new Agent({ connections: 64 });
  /** @returns {Promise<any>} the JSON answer, when the status is the expected one */
  const call = async (method, path, { token, headers = {}, body, expect }) => {
    const response = await request(`${apiUrl}${path}`, {
      method,
      dispatcher,
      headers: {
        ...headers,
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body && { 'content-type': 'application/json' }),
      },
      body: body && JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode !== expect) throw new Error(`${method} ${path} answered ${response.statusCode}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  return {
    /** A new user, their organization, and an API key of that organization for events and endpoints. */
    async apiKey() {
      const credentials = {
        email: `bench-${randomBytes(4).toString('hex')}@example.com`,
        password: randomBytes(16).toString('base64url'),
      };
      await call('POST', '/auth/register', { body: { ...credentials, name: 'Bench' }, expect: 202 });
      const { accessToken } = await call('POST', '/auth/login', { body: credentials, expect: 200 });
      const orgId = (await call('GET', '/orgs', { token: accessToken, expect: 200 })).items[0].id;
      const body = { name: 'bench', scopes: ['events:write', 'webhooks:write'] };
      return (await call('POST', `/orgs/${orgId}/api-keys`, { token: accessToken, body, expect: 201 })).key;
    },
    createEndpoint: (key, url, eventTypes) =>
      call('POST', '/webhooks', { token: key, body: { url, eventTypes }, expect: 201 }),
    publish: (key, type, payload) => call('POST', '/events', { token: key, body: { type, payload }, expect: 202 }),
    close: () => dispatcher.close(),
  };
}
