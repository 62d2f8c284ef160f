import type mongoose from 'mongoose';
import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { waitFor } from './support/test-env.js';
import { type WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, publish, withWebhookStack } from './support/webhook-stack.js';

const EVENTS = 300;

describe('every accepted event is delivered (API, worker process, a receiver that fails each first try)', () => {
  let api: TestApi;
  let account: TestAccount;
  let receiver: WebhookReceiver;
  let db: mongoose.Connection;

  withWebhookStack(
    {
      // Every first try fails, so the circuit breaker would park the endpoint: this test is about the
      // outbox's state, and the breaker has tests of its own.
      env: { RATE_LIMIT_ENABLED: 'false', QUEUE_CONCURRENCY_WEBHOOK: '20', WEBHOOK_BREAKER_FAILURES: '1000' },
      receiver: { firstAnswer: 500 },
    },
    (stack) => ({ api, account, db, receiver } = stack),
  );

  it(`settles all ${EVENTS} messages as succeeded after one retry each, with both attempts logged`, async () => {
    await createEndpoint(api, account, receiver, ['order.paid']);
    for (let start = 0; start < EVENTS; start += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, k) => publish(api, account, { type: 'order.paid', payload: { i: start + k } })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
    }
    const messages = db.collection('webhook_messages');
    await waitFor(
      async () => (await messages.countDocuments({ status: 'succeeded' })) === EVENTS,
      `${EVENTS} messages to succeed`,
      150_000,
    );
    expect(await messages.countDocuments({ status: { $ne: 'succeeded' } })).toBe(0);
    expect(await messages.countDocuments({ attempts: 2 })).toBe(EVENTS);

    const attempts = db.collection('webhook_attempts');
    expect(await attempts.countDocuments({ outcome: 'http_error', statusCode: 500, attempt: 1 })).toBe(EVENTS);
    expect(await attempts.countDocuments({ outcome: 'success', attempt: 2 })).toBe(EVENTS);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(EVENTS);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  }, 180_000);
});
