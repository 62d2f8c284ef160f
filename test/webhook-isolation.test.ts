import type { RunningProcess } from '../scripts/lib/processes.mjs';
import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { waitFor } from './support/test-env.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, publish, quantile, startStack } from './support/webhook-stack.js';

const EVENTS = 40;

/**
 * Publishes `EVENTS` events of one type at once and answers each one's publish-to-receipt latency
 * at the receiver subscribed to that type.
 */
async function latencies(
  api: TestApi,
  account: TestAccount,
  receiver: WebhookReceiver,
  type: string,
): Promise<number[]> {
  const sentAt = new Map<number, number>();
  await Promise.all(
    Array.from({ length: EVENTS }, async (_, i) => {
      sentAt.set(i, Date.now());
      expect((await publish(api, account, { type, payload: { i } })).status).toBe(202);
    }),
  );
  const arrivals = await waitFor(
    () => {
      const mine = receiver.received.filter((r) => JSON.parse(r.body).type === type);
      return mine.length >= EVENTS ? mine : undefined;
    },
    `${EVENTS} deliveries of ${type}`,
    30_000,
  );
  return arrivals.map((r) => r.at - sentAt.get(JSON.parse(r.body).data.i)!);
}

describe('a slow endpoint does not delay the others (API, worker process, real receivers)', () => {
  let api: TestApi;
  let worker: RunningProcess;
  let account: TestAccount;
  let healthy: WebhookReceiver;
  let slow: WebhookReceiver;

  beforeAll(async () => {
    // Ten worker slots and a cap of three per endpoint: without the cap, the slow endpoint's backlog would take all ten.
    ({ api, worker, account } = await startStack({
      QUEUE_CONCURRENCY_WEBHOOK: '10',
      WEBHOOK_ENDPOINT_CONCURRENCY: '3',
      WEBHOOK_TIMEOUT_MS: '15000',
      RATE_LIMIT_ENABLED: 'false',
    }));
    healthy = await startWebhookReceiver();
    slow = await startWebhookReceiver({ delayMs: 10_000 });
    await createEndpoint(api, account, healthy, ['healthy.before', 'healthy.during']);
    await createEndpoint(api, account, slow, ['slow.work']);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.stop('SIGKILL');
    await healthy?.close();
    await slow?.close();
  });

  it("keeps the healthy endpoint's p95 latency while another endpoint takes 10 s per request", async () => {
    const before = await latencies(api, account, healthy, 'healthy.before');

    const answers = await Promise.all(
      Array.from({ length: EVENTS }, (_, i) => publish(api, account, { type: 'slow.work', payload: { i } })),
    );
    expect(answers.every((a) => a.status === 202)).toBe(true);
    await waitFor(() => slow.received.length >= 3, 'the slow endpoint to be busy');
    const during = await latencies(api, account, healthy, 'healthy.during');

    const [p95Before, p95During] = [quantile(before, 0.95), quantile(during, 0.95)];
    console.info(
      `healthy endpoint p95: ${p95Before} ms alone, ${p95During} ms beside a 10 s endpoint with ${EVENTS} messages queued`,
    );
    // The slow endpoint holds 3 of the 10 slots and its other messages are parked, so nothing waits for it.
    expect(p95During).toBeLessThan(Math.max(3 * p95Before, p95Before + 1_000));
    expect(slow.maxInFlight()).toBe(3);
  }, 90_000);
});
