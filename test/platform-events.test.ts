import mongoose from 'mongoose';
import type { RunningProcess } from '../scripts/lib/processes.mjs';
import { type SmtpSink, startSmtpSink } from '../scripts/lib/smtp-sink.mjs';
import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { waitFor } from './support/test-env.js';
import { codeAt } from './support/totp.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, publish, startStack } from './support/webhook-stack.js';

const PASSWORD = 'a long enough passphrase';

describe("NovaPulse's own events, through the same outbox and signed delivery (API, worker process, SMTP, receivers)", () => {
  let api: TestApi;
  let worker: RunningProcess;
  let owner: TestAccount;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let db: mongoose.Connection;

  const delivered = (type: string) =>
    waitFor(
      () => receiver.received.map((r) => ({ ...r, event: JSON.parse(r.body) })).find((r) => r.event.type === type),
      `a ${type} delivery`,
    );

  beforeAll(async () => {
    sink = await startSmtpSink();
    let env: Record<string, string>;
    ({ api, worker, account: owner, env } = await startStack({ WORKER_QUEUES: 'webhook,email', SMTP_URL: sink.url }));
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    receiver = await startWebhookReceiver();
    await createEndpoint(api, owner, receiver, ['*']);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.stop();
    await receiver?.close();
    await sink?.close();
    await db?.close();
  });

  it('publishes user.created into the new personal organization', async () => {
    const event = await db
      .collection('events')
      .findOne({ orgId: new mongoose.Types.ObjectId(owner.orgId), type: 'user.created' });
    expect(JSON.parse(event!.body).data).toEqual({ userId: owner.userId, email: owner.email, name: owner.name });
  });

  it('publishes member.invited and member.joined to the organization', async () => {
    const invited = await api.request('POST', `/orgs/${owner.orgId}/invitations`, {
      token: owner.accessToken,
      body: { email: 'newcomer@example.com', role: 'member' },
    });
    expect(invited.status).toBe(201);
    const invitation = await delivered('member.invited');
    expect(invitation.verified).toBe(true);
    expect(invitation.event.data).toEqual({
      invitationId: invited.body.id,
      email: 'newcomer@example.com',
      role: 'member',
      invitedBy: owner.userId,
    });

    const record = await db.collection('email_messages').findOne({ dedupeKey: `invitation:${invited.body.id}` });
    const token = new URL(record!.variables.acceptUrl).searchParams.get('token')!;
    const accepted = await api.request('POST', '/invitations/accept', {
      body: { token, name: 'Newcomer', password: PASSWORD },
    });
    expect(accepted.status).toBe(200);
    const joined = await delivered('member.joined');
    expect(joined.event.data).toEqual({ userId: accepted.body.user.id, role: 'member' });
  });

  it('publishes mfa.enabled and mfa.disabled to every organization of the user', async () => {
    const post = (path: string, body: unknown) => api.request('POST', path, { token: owner.accessToken, body });
    const { secret } = (await post('/mfa/setup', { password: owner.password })).body;
    expect((await post('/mfa/verify', { code: await codeAt(secret) })).status).toBe(201);
    expect((await delivered('mfa.enabled')).event.data).toEqual({ userId: owner.userId });

    expect((await post('/mfa/disable', { password: owner.password, code: await codeAt(secret, 1) })).status).toBe(204);
    expect((await delivered('mfa.disabled')).event.data).toEqual({ userId: owner.userId });
  });

  it('keeps platform event types for the platform: a publisher cannot forge them', async () => {
    const forged = await publish(api, owner, { type: 'mfa.disabled', payload: { userId: owner.userId } });
    expect(forged.status).toBe(400);
    expect(forged.body.details).toEqual([
      { field: 'type', problem: expect.stringContaining('published by NovaPulse itself') },
    ]);
  });

  it('emails the owners and publishes endpoint.disabled when delivery disables an endpoint', async () => {
    const gone = await startWebhookReceiver();
    try {
      const endpoint = await createEndpoint(api, owner, gone, ['order.created']);
      gone.respondWith(410);
      expect((await publish(api, owner, { type: 'order.created', payload: { id: 1 } })).status).toBe(202);

      const notice = await delivered('endpoint.disabled');
      expect(notice.verified).toBe(true);
      expect(notice.event.data).toEqual({ endpointId: endpoint.id, reason: 'gone', failingSince: null });

      const mail = await waitFor(
        () => sink.messages.find((m) => m.subject === 'A webhook endpoint was disabled'),
        'the email to the owner',
      );
      expect(JSON.stringify(mail.to)).toContain(owner.email);
      expect(mail.text).toContain(gone.url);
      expect(mail.text).toContain('410 Gone');
    } finally {
      await gone.close();
    }
  });
});
