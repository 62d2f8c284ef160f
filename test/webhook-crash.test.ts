import type { RunningProcess } from '../scripts/lib/processes.mjs';
import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { waitFor } from './support/test-env.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, publish, startApiStack } from './support/webhook-stack.js';

const EVENTS = 500;

describe('a worker killed with SIGKILL in the middle of 500 deliveries (API, worker processes, real receiver)', () => {
  let api: TestApi;
  let account: TestAccount;
  let receiver: WebhookReceiver;
  const workers: RunningProcess[] = [];

  afterAll(async () => {
    await api?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await receiver?.close();
  });

  it('loses nothing: a new worker delivers the rest, and a message sent twice keeps its webhook-id', async () => {
    // A dead worker's jobs are handed on within 1.5x QUEUE_STALL_TIMEOUT_MS.
    const stack = await startApiStack({
      QUEUE_CONCURRENCY_WEBHOOK: '10',
      QUEUE_STALL_TIMEOUT_MS: '3000',
      RATE_LIMIT_ENABLED: 'false',
    });
    ({ api, account } = stack);
    receiver = await startWebhookReceiver({ delayMs: 50 });
    await createEndpoint(api, account, receiver, ['order.created']);

    // The backlog builds up with no worker running, so the kill lands in the middle of it.
    const t0 = Date.now();
    for (let start = 0; start < EVENTS; start += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          publish(api, account, { type: 'order.created', payload: { i: start + k } }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
    }
    const t1 = Date.now();
    const doomed = await stack.startWorker();
    workers.push(doomed);
    await waitFor(() => receiver.received.length >= 150, '150 deliveries before the crash', 60_000);
    expect(await doomed.stop('SIGKILL')).toBe('SIGKILL');
    const atCrash = new Set(receiver.received.map((r) => JSON.parse(r.body).data.i)).size;
    expect(atCrash).toBeLessThan(EVENTS);

    const t2 = Date.now();
    workers.push(await stack.startWorker());
    await waitFor(
      () => new Set(receiver.received.map((r) => JSON.parse(r.body).data.i)).size === EVENTS,
      `all ${EVENTS} events`,
      90_000,
    );

    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const idsByEvent = new Map<number, Set<string>>();
    for (const r of receiver.received) {
      const i = JSON.parse(r.body).data.i as number;
      idsByEvent.set(i, (idsByEvent.get(i) ?? new Set()).add(r.id));
    }
    expect(idsByEvent.size).toBe(EVENTS);
    expect([...idsByEvent.values()].every((ids) => ids.size === 1)).toBe(true);
    console.info(`publish ${t1 - t0} ms, first worker ${t2 - t1} ms, rest ${Date.now() - t2} ms`);
    console.info(
      `killed after ${atCrash} of ${EVENTS} events; ${receiver.received.length - EVENTS} duplicate deliveries (same webhook-id)`,
    );
  }, 180_000);
});
