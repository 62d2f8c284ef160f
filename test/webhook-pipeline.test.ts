import mongoose from 'mongoose';
import { startRedis } from '../scripts/lib/services.mjs';
import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { waitFor } from './support/test-env.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, publish, startStack, withWebhookStack } from './support/webhook-stack.js';

describe('events to signed webhook deliveries (API, worker process, real receivers)', () => {
  let api: TestApi;
  let account: TestAccount;
  let receiver: WebhookReceiver;
  let db: mongoose.Connection;

  withWebhookStack({}, (stack) => ({ api, account, db, receiver } = stack));

  it('delivers the exact stored bytes, signed so the official standardwebhooks package verifies them', async () => {
    const endpoint = await createEndpoint(api, account, receiver);
    const payload = {
      order: { id: 'ord_1', total: 12.5, items: [{ sku: 'ß-ü-ö', name: '日本語 ✓ 🚀' }] },
      nested: { deep: { deeper: [1, null, true] } },
    };
    const published = await publish(api, account, { type: 'order.created', payload });
    expect(published.status).toBe(202);

    const delivery = await waitFor(
      () => receiver.received.find((r) => JSON.parse(r.body).type === 'order.created'),
      'the delivery',
    );
    expect(delivery.verified).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'order.created', data: payload });
    expect(delivery.id).toMatch(/^msg_[0-9a-f]{24}$/);

    const logs = await waitFor(async () => {
      const page = await api.request('GET', `/webhooks/${endpoint.id}/logs`, {
        token: account.accessToken,
        headers: { 'x-org-id': account.orgId },
      });
      return page.body.items?.length ? page : undefined;
    }, 'the attempt to be logged');
    expect(logs.body.items[0]).toMatchObject({ outcome: 'success', statusCode: 200, attempt: 1 });
    expect(logs.body.items[0].requestHeaders['webhook-signature']).toMatch(/^v1,/);
    expect(JSON.stringify(logs.body)).not.toContain(endpoint.secret);
  });

  it('creates one event for one idempotency key', async () => {
    const first = await publish(
      api,
      account,
      { type: 'invoice.paid', payload: { n: 1 } },
      { 'idempotency-key': 'pay-42' },
    );
    const again = await publish(
      api,
      account,
      { type: 'invoice.paid', payload: { n: 2 } },
      { 'idempotency-key': 'pay-42' },
    );
    expect(again.body).toEqual({ id: first.body.id, duplicate: true });
    await waitFor(() => receiver.received.some((r) => JSON.parse(r.body).type === 'invoice.paid'), 'the delivery');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.filter((r) => JSON.parse(r.body).type === 'invoice.paid')).toHaveLength(1);
  });

  it('retries on 5xx with the same webhook-id and a fresh timestamp, then succeeds', async () => {
    receiver.respondWith(503, 500);
    await publish(api, account, { type: 'shipment.sent', payload: { id: 's1' } });
    const deliveries = await waitFor(() => {
      const found = receiver.received.filter((r) => JSON.parse(r.body).type === 'shipment.sent');
      return found.length === 3 ? found : undefined;
    }, 'three attempts');
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(1);
    expect(new Set(deliveries.map((d) => d.headers['webhook-timestamp'])).size).toBeGreaterThan(1);
    expect(deliveries.every((d) => d.verified)).toBe(true);
  });

  it('disables an endpoint that answers 410 Gone, keeps its messages, and recovers them once enabled', async () => {
    const gone = await startWebhookReceiver();
    const endpoint = await createEndpoint(api, account, gone, ['account.closed']);
    gone.respondWith(410);
    const auth = { token: account.accessToken, headers: { 'x-org-id': account.orgId } };
    await publish(api, account, { type: 'account.closed', payload: { id: 'a1' } });
    await waitFor(
      async () => (await api.request('GET', `/webhooks/${endpoint.id}`, auth)).body.enabled === false,
      'the endpoint to be disabled',
    );
    expect((await api.request('GET', `/webhooks/${endpoint.id}`, auth)).body.disabledReason).toBe('gone');

    await publish(api, account, { type: 'account.closed', payload: { id: 'a2' } });
    const endpointId = new mongoose.Types.ObjectId(endpoint.id);
    await waitFor(
      () =>
        db
          .collection('webhook_messages')
          .countDocuments({ endpointId, status: 'failed' })
          .then((n) => n === 2),
      'both messages to be kept as failed',
    );
    expect((await api.request('POST', `/webhooks/${endpoint.id}/enable`, auth)).status).toBe(200);
    const recovered = await api.request('POST', `/webhooks/${endpoint.id}/recover`, {
      ...auth,
      body: { since: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(recovered.status).toBe(202);
    expect(recovered.body.requeued).toBe(2);
    await waitFor(
      () => gone.received.some((r) => r.verified && JSON.parse(r.body).data.id === 'a2'),
      'the kept message to arrive',
    );
    await gone.close();
  });

  it('answers a test send with the attempt it made', async () => {
    const endpoint = await createEndpoint(api, account, receiver, ['nothing.subscribed']);
    const result = await api.request('POST', `/webhooks/${endpoint.id}/test`, {
      token: account.accessToken,
      headers: { 'x-org-id': account.orgId },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ outcome: 'success', statusCode: 200, attempt: 1 });
    expect(receiver.received.some((r) => JSON.parse(r.body).type === 'webhook.test')).toBe(true);
  });
});

describe('publishing while Redis is down (a redis-server this test owns)', () => {
  it('answers 202 for every event and delivers them all once Redis is back', async () => {
    const redis = await startRedis();
    let restarted: Awaited<ReturnType<typeof startRedis>> | undefined;
    const { api, worker, account } = await startStack({ REDIS_URL: redis.url });
    const receiver = await startWebhookReceiver();
    try {
      await createEndpoint(api, account, receiver, ['batch.item']);
      await redis.stop();
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++)
        statuses.push((await publish(api, account, { type: 'batch.item', payload: { i } })).status);
      expect(statuses.filter((s) => s === 202)).toHaveLength(200);

      restarted = await startRedis({ port: redis.port });
      const ids = await waitFor(
        () => {
          const seen = new Set(receiver.received.filter((r) => r.verified).map((r) => JSON.parse(r.body).data.i));
          return seen.size === 200 ? seen : undefined;
        },
        'all 200 deliveries',
        60_000,
      );
      expect(ids.size).toBe(200);
    } finally {
      await api.close();
      await worker.stop();
      await receiver.close();
      await redis.stop();
      await restarted?.stop();
    }
  }, 120_000);
});
