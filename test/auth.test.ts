import type mongoose from 'mongoose';
import type { SmtpSink } from '../scripts/lib/smtp-sink.mjs';
import { signUp } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { type EmailStack, startEmailStack } from './support/email-stack.js';
import { waitFor } from './support/test-env.js';

describe('accounts and sessions (real API, FerretDB, Redis, SMTP)', () => {
  let stack: EmailStack | undefined;
  let api: TestApi;
  let sink: SmtpSink;
  let db: mongoose.Connection;

  beforeAll(async () => {
    stack = await startEmailStack({ LOGIN_LOCKOUT_THRESHOLD: '3', LOGIN_LOCKOUT_BASE_DELAY_MS: '1000' });
    ({ api, sink, db } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const mailTo = (email: string, subject: RegExp) =>
    waitFor(
      () => sink.messages.find((m) => m.subject && subject.test(m.subject) && JSON.stringify(m.to).includes(email)),
      `a mail to ${email}`,
    );

  it('registers, signs in, and tells the user who they are without any secret', async () => {
    const account = await signUp(api);
    const me = await api.request('GET', '/auth/me', { token: account.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: account.userId,
      email: account.email,
      name: 'Ada Lovelace',
      mfaEnabled: false,
      operator: false,
      createdAt: expect.any(String),
    });
    await mailTo(account.email, /New sign-in/);
  });

  it('does not reveal whether an email is registered', async () => {
    const account = await signUp(api);
    const again = await api.request('POST', '/auth/register', {
      body: { email: account.email, password: 'another-long-password', name: 'Eve' },
    });
    const fresh = await api.request('POST', '/auth/register', {
      body: { email: 'nobody-yet@example.com', password: 'another-long-password', name: 'Eve' },
    });
    expect([again.status, again.body]).toEqual([fresh.status, fresh.body]);
    await mailTo(account.email, /tried to sign up/);

    const wrongPassword = await api.request('POST', '/auth/login', {
      body: { email: account.email, password: 'not-the-password' },
    });
    const unknownEmail = await api.request('POST', '/auth/login', {
      body: { email: 'nobody@example.com', password: 'not-the-password' },
    });
    expect([wrongPassword.status, wrongPassword.body.message]).toEqual([401, 'Invalid email or password']);
    expect([unknownEmail.status, unknownEmail.body.message]).toEqual([401, 'Invalid email or password']);

    const forgotKnown = await api.request('POST', '/auth/password/forgot', { body: { email: account.email } });
    const forgotUnknown = await api.request('POST', '/auth/password/forgot', { body: { email: 'nobody@example.com' } });
    expect([forgotKnown.status, forgotKnown.body]).toEqual([forgotUnknown.status, forgotUnknown.body]);
    expect(forgotKnown.status).toBe(202);
  });

  it('refuses weak passwords and unknown fields with the field named', async () => {
    const common = await api.request('POST', '/auth/register', {
      body: { email: 'x@example.com', password: 'password1234', name: 'X' },
    });
    expect(common.status).toBe(400);
    expect(common.body.details).toEqual([{ field: 'password', problem: 'is too common; choose another' }]);
    const short = await api.request('POST', '/auth/register', {
      body: { email: 'x@example.com', password: 'short', name: 'X', admin: true },
    });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual(
      expect.arrayContaining([
        { field: 'password', problem: 'must be at least 12 characters' },
        { field: 'admin', problem: 'is not a known field' },
      ]),
    );
    const operator = await api.request('POST', '/auth/login', { body: { email: { $ne: null }, password: 'x' } });
    expect(operator.status).toBe(400);
  });

  it('rotates refresh tokens, and reuse of an old one revokes the whole family', async () => {
    const account = await signUp(api);
    const first = await api.request('POST', '/auth/refresh', { body: { refreshToken: account.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(account.refreshToken);
    const second = await api.request('POST', '/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(second.status).toBe(200);

    const reuse = await api.request('POST', '/auth/refresh', { body: { refreshToken: account.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.message).toMatch(/already used/);
    expect(
      (await api.request('POST', '/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status,
    ).toBe(401);
    expect((await api.request('GET', '/auth/me', { token: second.body.accessToken })).status).toBe(401);
  });

  it('lists sessions and revokes one, the current one, or all', async () => {
    const account = await signUp(api);
    const other = await api.request('POST', '/auth/login', {
      body: { email: account.email, password: account.password },
      headers: { 'user-agent': 'second-device' },
      ip: '203.0.113.7',
    });
    const list = await api.request('GET', '/auth/sessions', { token: account.accessToken });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const second = list.body.items.find((s: { userAgent: string }) => s.userAgent === 'second-device');
    expect(second).toMatchObject({ ip: '203.0.113.7', createdAt: expect.any(String), lastUsedAt: expect.any(String) });

    expect((await api.request('DELETE', `/auth/sessions/${second.id}`, { token: account.accessToken })).status).toBe(
      204,
    );
    expect((await api.request('GET', '/auth/me', { token: other.body.accessToken })).status).toBe(401);
    expect((await api.request('DELETE', `/auth/sessions/${second.id}`, { token: account.accessToken })).status).toBe(
      404,
    );

    const third = await api.request('POST', '/auth/login', {
      body: { email: account.email, password: account.password },
    });
    expect((await api.request('POST', '/auth/logout-all', { token: third.body.accessToken })).body).toEqual({
      revoked: 2,
    });
    expect((await api.request('GET', '/auth/me', { token: account.accessToken })).status).toBe(401);

    const fourth = await api.request('POST', '/auth/login', {
      body: { email: account.email, password: account.password },
    });
    expect((await api.request('POST', '/auth/logout', { token: fourth.body.accessToken })).status).toBe(204);
    expect((await api.request('GET', '/auth/me', { token: fourth.body.accessToken })).status).toBe(401);
  });

  it('delays sign-in per account after repeated failures, longer each time, then lets the owner in', async () => {
    const account = await signUp(api);
    const attempt = (password: string) =>
      api.request('POST', '/auth/login', { body: { email: account.email, password } });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).status).toBe(401);

    const delayed = await attempt(account.password);
    expect(delayed.status).toBe(429);
    expect(delayed.headers.get('retry-after')).toBe('1');

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await attempt('wrong-password')).status).toBe(401);
    const longer = await attempt(account.password);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('2');

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await attempt(account.password)).status).toBe(200);
    expect((await attempt('wrong-password')).status).toBe(401);
    expect((await attempt(account.password)).status).toBe(200);
  });

  it('resets a password with a single-use emailed token, signing every session out', async () => {
    const account = await signUp(api);
    await api.request('POST', '/auth/password/forgot', { body: { email: account.email } });
    const mail = await mailTo(account.email, /Reset your NovaPulse password/);
    const token = /token=([\w-]+)/.exec(mail.text ?? '')![1]!;

    const reset = await api.request('POST', '/auth/password/reset', {
      body: { token, password: 'a brand new passphrase' },
    });
    expect(reset.status).toBe(204);
    expect((await api.request('GET', '/auth/me', { token: account.accessToken })).status).toBe(401);
    expect(
      (await api.request('POST', '/auth/password/reset', { body: { token, password: 'yet another passphrase' } }))
        .status,
    ).toBe(400);
    expect(
      (await api.request('POST', '/auth/login', { body: { email: account.email, password: account.password } })).status,
    ).toBe(401);
    expect(
      (await api.request('POST', '/auth/login', { body: { email: account.email, password: 'a brand new passphrase' } }))
        .status,
    ).toBe(200);
  });

  it('refuses an expired reset token', async () => {
    const account = await signUp(api);
    await api.request('POST', '/auth/password/forgot', { body: { email: account.email } });
    const mail = await mailTo(account.email, /Reset your NovaPulse password/);
    const token = /token=([\w-]+)/.exec(mail.text ?? '')![1]!;
    await db.collection('password_resets').updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    const reset = await api.request('POST', '/auth/password/reset', {
      body: { token, password: 'a brand new passphrase' },
    });
    expect(reset.status).toBe(400);
    expect(reset.body.details).toEqual([{ field: 'token', problem: 'is invalid, expired or already used' }]);
  });

  it('never writes passwords, tokens or hashes to the logs', async () => {
    const account = await signUp(api);
    const refreshed = await api.request('POST', '/auth/refresh', { body: { refreshToken: account.refreshToken } });
    const user = await db.collection('users').findOne({ email: account.email });
    const logs = api.logs.join('\n');
    expect(logs).toContain('request completed');
    for (const secret of [
      account.password,
      account.accessToken,
      account.refreshToken,
      refreshed.body.refreshToken,
      String(user?.passwordHash),
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
