import mongoose from 'mongoose';
import { createHash } from 'node:crypto';
import type { SmtpSink } from '../scripts/lib/smtp-sink.mjs';
import { signUp, type TestAccount } from './support/accounts.js';
import type { TestApi, TestResponse } from './support/api.js';
import { type EmailStack, startEmailStack } from './support/email-stack.js';
import { waitFor } from './support/test-env.js';

const SECRET_FIELDS = /passwordHash|"hash"|tokenHash/;
const PASSWORD = 'a long enough passphrase';

describe('invitations over HTTP, with the email delivered by a worker process (FerretDB, Redis, SMTP)', () => {
  let stack: EmailStack | undefined;
  let api: TestApi;
  let sink: SmtpSink;
  let db: mongoose.Connection;
  const responses: string[] = [];
  const tokens: string[] = [];
  let owner: TestAccount;
  let admin: TestAccount;

  const call = async (
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<TestResponse> => {
    const response = await api.request(method, path, { token, body });
    responses.push(response.text);
    return response;
  };
  const invite = async (email: string, role = 'member', by = owner) => {
    const invited = await call('POST', `/orgs/${owner.orgId}/invitations`, by.accessToken, { email, role });
    expect(invited.status).toBe(201);
    return invited.body as { id: string; email: string; role: string };
  };
  /** The token, as the invitee reads it from the link in the email the worker delivered. */
  const tokenFromMail = async (email: string) => {
    const mail = await waitFor(
      () =>
        [...sink.messages]
          .reverse()
          .find((m) => /invited you/.test(m.subject ?? '') && JSON.stringify(m.to).includes(email)),
      `the invitation to ${email}`,
    );
    return remember(new URL(/https?:\/\/\S+/.exec(mail.text ?? '')![0]).searchParams.get('token')!);
  };
  /** Quicker than waiting for delivery, where the mail itself is not the point. */
  const tokenFromOutbox = async (invitationId: string) => {
    const record = await db.collection('email_messages').findOne({ dedupeKey: `invitation:${invitationId}` });
    return remember(new URL(record!.variables.acceptUrl).searchParams.get('token')!);
  };
  const remember = (token: string) => (tokens.push(token), token);
  const accept = (body: Record<string, string>, token?: string) => call('POST', '/invitations/accept', token, body);

  beforeAll(async () => {
    stack = await startEmailStack({ FRONTEND_URL: 'https://app.novapulse.test/' });
    ({ api, sink, db } = stack);
    [owner, admin] = await Promise.all([signUp(api, 'Olive'), signUp(api, 'Adam')]);
    const adminInvite = await invite(admin.email, 'admin');
    expect((await accept({ token: await tokenFromOutbox(adminInvite.id) }, admin.accessToken)).status).toBe(200);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('emails a link to a newcomer, who accepts by creating their account, and becomes a member', async () => {
    const invited = await call('POST', `/orgs/${owner.orgId}/invitations`, owner.accessToken, {
      email: 'Newcomer@Example.com',
      role: 'member',
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual({
      id: expect.any(String),
      email: 'newcomer@example.com',
      role: 'member',
      status: 'pending',
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
    });
    const days = (Date.parse(invited.body.expiresAt) - Date.parse(invited.body.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);

    const mail = await waitFor(
      () => sink.messages.find((m) => JSON.stringify(m.to).includes('newcomer@example.com')),
      'the invitation email',
    );
    expect(mail.subject).toBe("Olive invited you to Olive's organization on NovaPulse");
    const link = new URL(/https?:\/\/\S+/.exec(mail.text ?? '')![0]);
    expect(`${link.origin}${link.pathname}`).toBe('https://app.novapulse.test/invitations/accept');
    const token = link.searchParams.get('token')!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(invited.text).not.toContain(token);
    const stored = await db.collection('invitations').findOne({ _id: new mongoose.Types.ObjectId(invited.body.id) });
    expect(stored!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);

    const missing = await accept({ token });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['name', 'password']);

    const accepted = await accept({ token, name: 'Nora', password: PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      organization: { id: owner.orgId, name: "Olive's organization" },
      role: 'member',
      user: { id: expect.any(String), email: 'newcomer@example.com', name: 'Nora' },
    });

    const login = await call('POST', '/auth/login', undefined, { email: 'newcomer@example.com', password: PASSWORD });
    expect(login.status).toBe(200);
    const orgs = await call('GET', '/orgs', login.body.accessToken);
    expect(orgs.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: owner.orgId, role: 'member' }),
        expect.objectContaining({ name: "Nora's organization", personal: true, role: 'owner' }),
      ]),
    );
    const log = await call('GET', `/orgs/${owner.orgId}/audit-log?limit=100`, owner.accessToken);
    const actions = log.body.items.map((e: { action: string; actorId: string; target: string }) => [
      e.action,
      e.actorId,
      e.target,
    ]);
    expect(actions).toContainEqual(['member.joined', accepted.body.user.id, `user:${accepted.body.user.id}`]);
    expect(actions).toContainEqual(['member.invited', owner.userId, `invitation:${invited.body.id}`]);
  });

  it('lets a signed-in user accept with the token alone', async () => {
    const dana = await signUp(api, 'Dana');
    await invite(dana.email, 'admin', admin);
    const accepted = await accept({ token: await tokenFromMail(dana.email) }, dana.accessToken);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ role: 'admin', user: { id: dana.userId, email: dana.email } });
    const members = await call('GET', `/orgs/${owner.orgId}/members`, dana.accessToken);
    expect(members.body.items).toContainEqual(expect.objectContaining({ userId: dana.userId, role: 'admin' }));
  });

  it('refuses a used invitation', async () => {
    const erin = await signUp(api, 'Erin');
    const { id } = await invite(erin.email);
    const token = await tokenFromOutbox(id);
    expect((await accept({ token }, erin.accessToken)).status).toBe(200);
    const again = await accept({ token, name: 'Erin', password: PASSWORD });
    expect([again.status, again.body.message]).toEqual([410, 'This invitation has already been used']);
  });

  // The claim (one conditional update) lets exactly one accept through; the unique index on
  // memberships would keep it to one membership even if it did not.
  it('leaves one membership when the same invitation is accepted twice at once', async () => {
    const fay = await signUp(api, 'Fay');
    const token = await tokenFromOutbox((await invite(fay.email)).id);
    const results = await Promise.all([accept({ token }, fay.accessToken), accept({ token }, fay.accessToken)]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results) expect([200, 409, 410]).toContain(r.status);
    expect(
      await db.collection('memberships').countDocuments({
        orgId: new mongoose.Types.ObjectId(owner.orgId),
        userId: new mongoose.Types.ObjectId(fay.userId),
      }),
    ).toBe(1);
  });

  it('creates one account when a newcomer accepts twice at once', async () => {
    const token = await tokenFromOutbox((await invite('racer@example.com')).id);
    const results = await Promise.all([
      accept({ token, name: 'Racer', password: PASSWORD }),
      accept({ token, name: 'Racer', password: PASSWORD }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db.collection('users').countDocuments({ email: 'racer@example.com' })).toBe(1);
    const userId = results.find((r) => r.status === 200)!.body.user.id;
    expect(
      await db.collection('memberships').countDocuments({
        orgId: new mongoose.Types.ObjectId(owner.orgId),
        userId: new mongoose.Types.ObjectId(userId),
      }),
    ).toBe(1);
  });

  it('refuses a revoked invitation, and a revoked one stays revoked', async () => {
    const { id } = await invite('revoked@example.com');
    const token = await tokenFromOutbox(id);
    expect((await call('DELETE', `/orgs/${owner.orgId}/invitations/${id}`, admin.accessToken)).status).toBe(204);
    expect((await call('DELETE', `/orgs/${owner.orgId}/invitations/${id}`, admin.accessToken)).status).toBe(204);
    const refused = await accept({ token, name: 'Rex', password: PASSWORD });
    expect([refused.status, refused.body.message]).toEqual([410, 'This invitation was withdrawn; ask for a new one']);
    expect(await db.collection('users').findOne({ email: 'revoked@example.com' })).toBeNull();
  });

  it('refuses an expired invitation', async () => {
    const { id } = await invite('late@example.com');
    const token = await tokenFromOutbox(id);
    await db
      .collection('invitations')
      .updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await accept({ token, name: 'Lee', password: PASSWORD });
    expect([refused.status, refused.body.message]).toEqual([410, 'This invitation has expired; ask for a new one']);
    const listed = await call('GET', `/orgs/${owner.orgId}/invitations`, owner.accessToken);
    expect(listed.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'expired' });
  });

  it('makes earlier links stop working when someone is invited again', async () => {
    const first = await tokenFromOutbox((await invite('twice@example.com')).id);
    const second = await tokenFromOutbox((await invite('twice@example.com', 'admin')).id);
    expect((await accept({ token: first, name: 'Tw', password: PASSWORD })).status).toBe(410);
    expect((await accept({ token: second, name: 'Tw', password: PASSWORD })).body).toMatchObject({ role: 'admin' });
  });

  it("refuses a newcomer's password holding their name or email, and leaves the invitation usable", async () => {
    const token = await tokenFromOutbox((await invite('quentin.blake@example.com')).id);
    const named = await accept({ token, name: 'Quentin Blake', password: 'drawings by blake 1978' });
    expect([named.status, named.body.details]).toEqual([
      400,
      [{ field: 'password', problem: 'must not contain your name' }],
    ]);
    const mailed = await accept({ token, name: 'Q', password: 'quentin.blake says hello' });
    expect(mailed.body.details).toEqual([{ field: 'password', problem: 'must not contain your email address' }]);
    expect((await accept({ token, name: 'Quentin Blake', password: PASSWORD })).status).toBe(200);
  });

  it("refuses a signed-in user whose email is not the invitation's, and leaves the invitation usable", async () => {
    const gus = await signUp(api, 'Gus');
    const token = await tokenFromOutbox((await invite('someone-else@example.com')).id);
    const refused = await accept({ token }, gus.accessToken);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/another email address/);
    expect((await accept({ token, name: 'Someone', password: PASSWORD })).status).toBe(200);
  });

  it('sends someone whose account exists to sign in first', async () => {
    const hal = await signUp(api, 'Hal');
    const token = await tokenFromOutbox((await invite(hal.email)).id);
    const refused = await accept({ token, name: 'Impostor', password: PASSWORD });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/sign in/);
    expect((await accept({ token }, hal.accessToken)).status).toBe(200);
  });

  it('answers an unknown token with 404 and a malformed one with 400', async () => {
    expect((await accept({ token: 'x'.repeat(43), name: 'X', password: PASSWORD })).status).toBe(404);
    expect((await accept({ token: 'short' })).status).toBe(400);
  });

  it('lets admins invite, but only owners invite owners, and not members at all', async () => {
    const ownerByAdmin = await call('POST', `/orgs/${owner.orgId}/invitations`, admin.accessToken, {
      email: 'boss@example.com',
      role: 'owner',
    });
    expect([ownerByAdmin.status, ownerByAdmin.body.message]).toEqual([403, 'Only an owner can invite an owner']);
    expect(
      (
        await call('POST', `/orgs/${owner.orgId}/invitations`, owner.accessToken, {
          email: 'boss@example.com',
          role: 'owner',
        })
      ).status,
    ).toBe(201);
    const ivy = await signUp(api, 'Ivy');
    await accept({ token: await tokenFromOutbox((await invite(ivy.email)).id) }, ivy.accessToken);
    expect(
      (
        await call('POST', `/orgs/${owner.orgId}/invitations`, ivy.accessToken, {
          email: 'x@example.com',
          role: 'member',
        })
      ).status,
    ).toBe(403);
    expect((await call('GET', `/orgs/${owner.orgId}/invitations`, ivy.accessToken)).status).toBe(403);
    const again = await call('POST', `/orgs/${owner.orgId}/invitations`, owner.accessToken, {
      email: ivy.email,
      role: 'member',
    });
    expect([again.status, again.body.message]).toEqual([409, `${ivy.email} is already a member`]);
  });

  it('cannot revoke an accepted invitation', async () => {
    const jo = await signUp(api, 'Jo');
    const { id } = await invite(jo.email);
    await accept({ token: await tokenFromOutbox(id) }, jo.accessToken);
    expect((await call('DELETE', `/orgs/${owner.orgId}/invitations/${id}`, owner.accessToken)).status).toBe(409);
  });

  it('never answered with a password hash or a token hash, nor logged a token', () => {
    for (const text of responses) expect(text).not.toMatch(SECRET_FIELDS);
    expect(tokens.length).toBeGreaterThan(10);
    const logs = api.logs.join('\n');
    for (const token of tokens) expect(logs).not.toContain(token);
  });
});
