import { getQueueToken } from '@nestjs/bullmq';
import { type Queue, Worker } from 'bullmq';
import mongoose from 'mongoose';
import type { RunningProcess } from '../scripts/lib/processes.mjs';
import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { waitFor } from './support/test-env.js';
import { type WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, publish, withWebhookStack } from './support/webhook-stack.js';

const asId = (id: string) => new mongoose.Types.ObjectId(id);

describe('deliveries that go wrong on NovaPulse’s side (API, worker process, real receiver)', () => {
  let api: TestApi;
  let account: TestAccount;
  let env: Record<string, string>;
  let startWorker: () => Promise<RunningProcess>;
  let worker: RunningProcess | undefined;
  let receiver: WebhookReceiver;
  let db: mongoose.Connection;

  withWebhookStack({ worker: false }, (stack) => ({ api, account, env, startWorker, db, receiver } = stack));

  const messageOf = async (eventId: string) => db.collection('webhook_messages').findOne({ eventId: asId(eventId) });

  it('re-sends a message whose job finished without settling it, once its hand-off looks lost', async () => {
    const endpoint = await createEndpoint(api, account, receiver, ['order.lost']);
    const published = await publish(api, account, { type: 'order.lost', payload: { n: 1 } });
    expect(published.status).toBe(202);
    const message = await waitFor(() => messageOf(published.body.id), 'the message');

    // A worker that took the job and ended it without recording anything: BullMQ keeps the finished
    // job, and with it the job id the relay re-queues under.
    const redis = new URL(env.REDIS_URL!);
    const lost = new Worker('webhook', async () => 'finished without settling', {
      connection: { host: redis.hostname, port: Number(redis.port), maxRetriesPerRequest: null },
      prefix: env.QUEUE_PREFIX,
    });
    const queue = api.app.get<Queue>(getQueueToken('webhook'), { strict: false });
    await waitFor(
      async () => (await queue.getJobState(`${message._id.toHexString()}-1`)) === 'completed',
      'the job to finish',
    );
    await lost.close();
    await db
      .collection('webhook_messages')
      .updateOne({ _id: message._id }, { $set: { enqueuedAt: new Date(Date.now() - 11 * 60_000) } });

    worker = await startWorker();
    await waitFor(
      () => receiver.received.find((r) => r.id === `msg_${message._id.toHexString()}`),
      'the relay to deliver the message',
    );
    await waitFor(async () => (await messageOf(published.body.id))?.status === 'succeeded', 'the message to settle');
    expect(receiver.received.filter((r) => r.id === `msg_${message._id.toHexString()}`)).toHaveLength(1);
    await api.request('DELETE', `/webhooks/${endpoint.id}`, {
      token: account.accessToken,
      headers: { 'x-org-id': account.orgId },
    });
  });

  it('keeps signing verifiably after a rotation through an upper-case id', async () => {
    worker ??= await startWorker();
    const endpoint = await createEndpoint(api, account, receiver, ['order.rotated']);
    const rotated = await api.request('POST', `/webhooks/${endpoint.id.toUpperCase()}/secret/rotate`, {
      token: account.accessToken,
      headers: { 'x-org-id': account.orgId },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.id).toBe(endpoint.id);
    receiver.useSecret(rotated.body.secret);

    const published = await publish(api, account, { type: 'order.rotated', payload: { n: 2 } });
    const delivered = await waitFor(
      () => receiver.received.find((r) => JSON.parse(r.body).type === 'order.rotated'),
      'the delivery after the rotation',
    );
    expect(delivered.verified).toBe(true);
    await waitFor(async () => (await messageOf(published.body.id))?.status === 'succeeded', 'the message to settle');
  });

  it('records a secret that does not open as an error attempt, logs it, and retries on the schedule', async () => {
    worker ??= await startWorker();
    const endpoint = await createEndpoint(api, account, receiver, ['order.sealed']);
    await db
      .collection('webhook_endpoints')
      .updateOne(
        { _id: asId(endpoint.id) },
        { $set: { 'secrets.0.sealed.ciphertext': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' } },
      );

    const published = await publish(api, account, { type: 'order.sealed', payload: { n: 3 } });
    expect(published.status).toBe(202);
    // WEBHOOK_RETRY_SCHEDULE is 0,1,1 here: three attempts within seconds, then the message fails.
    const message = await waitFor(async () => {
      const found = await messageOf(published.body.id);
      return found?.status === 'failed' ? found : null;
    }, 'the message to fail after its retries');
    expect(message.attempts).toBe(3);

    const logs = await api.request('GET', `/webhooks/${endpoint.id}/logs`, {
      token: account.accessToken,
      headers: { 'x-org-id': account.orgId },
    });
    expect(logs.status).toBe(200);
    expect(logs.body.items).toHaveLength(3);
    for (const attempt of logs.body.items) {
      expect(attempt).toMatchObject({ outcome: 'error', statusCode: null, messageId: message._id.toHexString() });
      expect(attempt.error).toMatch(/^NovaPulse could not make this attempt: /);
    }
    const errorLines = worker!
      .output()
      .split('\n')
      .filter((line) => line.includes('webhook delivery failed before an answer from the endpoint'));
    expect(errorLines).toHaveLength(3);
    // The level word, coloured on a terminal, then the logger's context.
    expect(errorLines[0]).toMatch(/error\S{0,5} \[MessageDelivery\] /);
    expect(errorLines[0]).toContain(endpoint.id);
    expect(receiver.received.some((r) => JSON.parse(r.body).type === 'order.sealed')).toBe(false);
  });
});
