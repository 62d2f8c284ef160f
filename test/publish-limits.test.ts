import { jest } from '@jest/globals';
import mongoose from 'mongoose';
import { EventsRepository } from '../src/webhooks/events/events.repository.js';
import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { waitFor } from './support/test-env.js';
import { type WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, publish, publishRaw, withWebhookStack } from './support/webhook-stack.js';

/** `{"payload":{"a":{"a":…1…}}}` written as text: building it as an object and stringifying could overflow here first. */
function nestedBody(type: string, levels: number): string {
  return `{"type":"${type}","payload":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;
}

let api: TestApi;
let account: TestAccount;
let receiver: WebhookReceiver;
let db: mongoose.Connection;

withWebhookStack({}, (stack) => ({ api, account, db, receiver } = stack));
beforeAll(() => createEndpoint(api, account, receiver, ['order.created']));

const deliveredWith = (field: string) =>
  waitFor(
    () => receiver.received.find((r) => JSON.parse(r.body).data?.[field] === true),
    `the event marked ${field} to be delivered`,
  );

describe('POST /events refuses payloads too deep or too large before anything is stored', () => {
  const postRaw = (text: string, headers: Record<string, string> = {}) =>
    publishRaw(api, account, text, headers).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { details: Array<{ field: string; problem: string }> },
    }));

  it('answers 400 naming payload for 10,000 levels, then stores and delivers a retry with the same Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'deep-then-fixed' };
    const deep = await postRaw(nestedBody('order.created', 10_000), key);
    expect(deep.status).toBe(400);
    expect(deep.body.details).toEqual([{ field: 'payload', problem: expect.stringMatching(/64 levels/) }]);

    const retry = await publish(api, account, { type: 'order.created', payload: { fixed: true } }, key);
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), duplicate: false });
    expect((await deliveredWith('fixed')).verified).toBe(true);
  });

  it('accepts 64 levels and refuses 65', async () => {
    expect((await postRaw(nestedBody('order.created', 64))).status).toBe(202);
    const tooDeep = await postRaw(nestedBody('order.created', 65));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.details[0].field).toBe('payload');
  });

  it('answers 400 for as many levels as BODY_LIMIT lets a body hold', async () => {
    const levels = 500_000; // two bytes a level: within the default BODY_LIMIT of 1 MiB
    const answer = await postRaw(`{"type":"order.created","payload":{"a":${'['.repeat(levels)}${']'.repeat(levels)}}}`);
    expect(answer.status).toBe(400);
    expect(answer.body.details[0].field).toBe('payload');
  });

  it('counts arrays as levels too', async () => {
    const text = `{"type":"order.created","payload":{"a":${'['.repeat(200)}${']'.repeat(200)}}}`;
    const answer = await postRaw(text);
    expect(answer.status).toBe(400);
    expect(answer.body.details[0].field).toBe('payload');
  });

  it('answers 400 naming payload when the payload is larger than the limit, even within BODY_LIMIT', async () => {
    const answer = await publish(api, account, { type: 'order.created', payload: { blob: 'x'.repeat(300_000) } });
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([{ field: 'payload', problem: expect.stringMatching(/256 KiB/) }]);
  });
});

describe('an Idempotency-Key names only an event that was stored', () => {
  const events = () => db.collection('events');

  it('leaves the key free when storing the event fails, so the retry is stored and delivered', async () => {
    const repository = api.app.get(EventsRepository, { strict: false });
    const create = jest.spyOn(repository, 'create').mockRejectedValueOnce(new Error('store unavailable'));
    try {
      const key = { 'idempotency-key': 'store-fails-once' };
      const failed = await publish(api, account, { type: 'order.created', payload: { storeFailed: true } }, key);
      expect(failed.status).toBe(500);

      const retry = await publish(api, account, { type: 'order.created', payload: { afterFailure: true } }, key);
      expect(retry.status).toBe(202);
      expect(retry.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), duplicate: false });
      expect(await events().countDocuments({ _id: new mongoose.Types.ObjectId(retry.body.id) })).toBe(1);
      expect((await deliveredWith('afterFailure')).verified).toBe(true);
    } finally {
      create.mockRestore();
    }
  });

  /** An event as publish stores it, a minute old, as if the process died before claiming its key. */
  const storeUnclaimed = async (key: string, marker: string) => {
    const _id = new mongoose.Types.ObjectId();
    const createdAt = new Date(Date.now() - 60_000);
    const body = JSON.stringify({
      type: 'order.created',
      timestamp: createdAt.toISOString(),
      data: { [marker]: true },
    });
    await events().insertOne({
      _id,
      orgId: new mongoose.Types.ObjectId(account.orgId),
      type: 'order.created',
      body,
      idempotencyKey: key,
      fannedOutAt: null,
      traceparent: null,
      createdAt,
    });
    return _id;
  };

  it('has the relay claim the key of an event a crash left unclaimed, and deliver it', async () => {
    const eventId = await storeUnclaimed('crashed-before-claim', 'unclaimed');
    expect((await deliveredWith('unclaimed')).verified).toBe(true);
    const retry = await publish(
      api,
      account,
      { type: 'order.created', payload: { retried: true } },
      { 'idempotency-key': 'crashed-before-claim' },
    );
    expect(retry.body).toEqual({ id: eventId.toHexString(), duplicate: true });
  });

  it('has the relay remove an unclaimed event whose key another event holds, unsent', async () => {
    const key = { 'idempotency-key': 'claimed-by-the-retry' };
    const winner = await publish(api, account, { type: 'order.created', payload: { winner: true } }, key);
    expect(winner.body.duplicate).toBe(false);
    const loser = await storeUnclaimed('claimed-by-the-retry', 'loser');
    await waitFor(async () => (await events().countDocuments({ _id: loser })) === 0, 'the losing event to be removed');
    await deliveredWith('winner');
    expect(receiver.received.filter((r) => JSON.parse(r.body).data?.loser)).toHaveLength(0);
  });
});
