import { readFileSync } from 'node:fs';
import { runApiAndWorker, type RunningProcess } from '../scripts/lib/processes.mjs';
import { freePort, startRedis } from '../scripts/lib/services.mjs';
import { signUp } from './support/accounts.js';
import { requester } from './support/api.js';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './support/otlp-receiver.js';
import { isolatedEnv, waitFor } from './support/test-env.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

interface TracedStack {
  collector: OtlpReceiver;
  receiver: WebhookReceiver;
  api: RunningProcess;
  worker: RunningProcess;
  /** Signs up, subscribes the receiver to `order.created`, and returns how to publish one. */
  publisher(): Promise<() => Promise<number>>;
  stop(): Promise<void>;
}

/** An OTLP collector, a webhook receiver, and API and worker processes exporting their spans to it. */
async function startTracedStack(overrides: Record<string, string>): Promise<TracedStack> {
  const collector = await startOtlpReceiver();
  const receiver = await startWebhookReceiver();
  const [port, workerPort] = [await freePort(), await freePort()];
  const env = isolatedEnv({
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    PORT: String(port),
    WORKER_PORT: String(workerPort),
    WORKER_QUEUES: 'webhook',
    ...overrides,
  });
  const { api, worker, apiUrl: url } = await runApiAndWorker(env);
  return {
    collector,
    receiver,
    api,
    worker,
    async publisher() {
      const client = { request: requester(url) };
      const account = await signUp(client);
      const auth = { token: account.accessToken, headers: { 'x-org-id': account.orgId } };
      const endpoint = await client.request('POST', '/webhooks', {
        ...auth,
        body: { url: receiver.url, eventTypes: ['order.created'] },
      });
      expect(endpoint.status).toBe(201);
      return async () =>
        (await client.request('POST', '/events', { ...auth, body: { type: 'order.created', payload: { id: 'o1' } } }))
          .status;
    },
    async stop() {
      await Promise.all([api.stop(), worker.stop()]);
      await Promise.all([receiver.close(), collector.close()]);
    },
  };
}

/** The trace id and span id the worker's outbound request announced to the receiver in delivery attempt `n`. */
async function deliveredTraceparent(receiver: WebhookReceiver, n = 1): Promise<{ traceId: string; spanId: string }> {
  const delivery = await waitFor(() => receiver.received[n - 1], `webhook delivery attempt ${n}`, 30_000);
  const [, traceId, spanId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(delivery.headers.traceparent)) ?? [];
  if (!traceId || !spanId) throw new Error(`the delivery carried no traceparent: ${JSON.stringify(delivery.headers)}`);
  return { traceId, spanId };
}

const publishSpan = (span: ReceivedSpan) =>
  span.service === 'novapulse-api' && span.kind === SERVER && span.attributes['http.route'] === '/api/v1/events';

describe('one trace from POST /events through the queue to the webhook receiver (API and worker processes)', () => {
  let stack: TracedStack;
  let delivered: { traceId: string; spanId: string };
  let retried: { traceId: string; spanId: string };
  let trace: ReceivedSpan[];

  beforeAll(async () => {
    // A schedule far longer than the test: the spans can only arrive through the flush at shutdown.
    stack = await startTracedStack({ OTEL_BSP_SCHEDULE_DELAY: '600000', WEBHOOK_RETRY_SCHEDULE: '0,1' });
    const publish = await stack.publisher();
    stack.receiver.respondWith(503);
    expect(await publish()).toBe(202);
    retried = await deliveredTraceparent(stack.receiver, 1);
    delivered = await deliveredTraceparent(stack.receiver, 2);
    expect(await stack.api.stop()).toBe(0);
    expect(await stack.worker.stop()).toBe(0);
    trace = stack.collector.spans.filter((span) => span.traceId === delivered.traceId);
  });

  afterAll(() => stack?.stop());

  it('gives the receiver a traceparent naming the worker outbound HTTP span', () => {
    const outbound = trace.find((span) => span.spanId === delivered.spanId);
    expect(outbound).toMatchObject({
      service: 'novapulse-worker',
      kind: CLIENT,
      scope: '@opentelemetry/instrumentation-undici',
    });
    expect(outbound?.attributes['url.full']).toBe(stack.receiver.url);
  });

  it('keeps a retried attempt in the same trace', () => {
    expect(retried.traceId).toBe(delivered.traceId);
    expect(retried.spanId).not.toBe(delivered.spanId);
  });

  it('starts the trace at the API server span of POST /events', () => {
    const roots = trace.filter((span) => !span.parentSpanId);
    expect(roots).toHaveLength(1);
    expect(publishSpan(roots[0]!)).toBe(true);
    expect(roots[0]?.name).toBe('POST /api/v1/events');
  });

  it('carries it through BullMQ: each worker job span is a child of the span that enqueued it', () => {
    // The first attempt is enqueued by the API, the retry by the worker's failed attempt.
    const producers = trace.filter((span) => span.kind === PRODUCER);
    expect(producers.map((span) => `${span.service} ${span.name}`).sort()).toEqual([
      'novapulse-api add webhook.deliver',
      'novapulse-worker add webhook.deliver',
    ]);
    const consumers = trace.filter((span) => span.kind === CONSUMER);
    expect(consumers.every((span) => span.service === 'novapulse-worker' && span.name === 'process webhook')).toBe(
      true,
    );
    expect(consumers.map((span) => span.parentSpanId).sort()).toEqual(producers.map((span) => span.spanId).sort());
  });

  it('records the Mongo and Redis work of both processes in the same trace', () => {
    const scopes = new Set(trace.map((span) => `${span.service} ${span.scope}`));
    expect(scopes).toContain('novapulse-api @opentelemetry/instrumentation-mongodb');
    expect(scopes).toContain('novapulse-worker @opentelemetry/instrumentation-mongodb');
    expect(scopes).toContain('novapulse-api @opentelemetry/instrumentation-ioredis');
  });

  it('names the service, its version and the role of each process', () => {
    const resources = new Map(trace.map((span) => [span.service, span.resource]));
    expect([...resources.keys()].sort()).toEqual(['novapulse-api', 'novapulse-worker']);
    expect(resources.get('novapulse-api')).toMatchObject({ 'service.version': version, 'novapulse.role': 'api' });
    expect(resources.get('novapulse-worker')).toMatchObject({ 'service.version': version, 'novapulse.role': 'worker' });
  });

  it('writes the trace id into the log lines of the request', () => {
    expect(stack.api.output()).toContain(`"trace_id":"${delivered.traceId}"`);
  });
});

describe('a message the relay hands over after a Redis outage (a redis-server this test owns)', () => {
  it('is delivered as part of the trace of the request that published it', async () => {
    let redis = await startRedis();
    const stack = await startTracedStack({ REDIS_URL: redis.url, OTEL_BSP_SCHEDULE_DELAY: '200' });
    try {
      const publish = await stack.publisher();
      await redis.stop();
      expect(await publish()).toBe(202);
      redis = await startRedis({ port: redis.port });

      const delivered = await deliveredTraceparent(stack.receiver);
      const published = await waitFor(() => stack.collector.spans.find(publishSpan), 'the POST /events span');
      expect(delivered.traceId).toBe(published.traceId);
      const relayed = await waitFor(
        () =>
          stack.collector.spans.find(
            (span) =>
              span.service === 'novapulse-worker' && span.kind === PRODUCER && span.traceId === published.traceId,
          ),
        "the relay's producer span",
      );
      expect(relayed.name).toBe('add webhook.deliver');
    } finally {
      await stack.stop();
      await redis.stop();
    }
  }, 120_000);
});
