import type mongoose from 'mongoose';
import type { SmtpSink } from '../scripts/lib/smtp-sink.mjs';
import { signUp, type TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { type EmailStack, startEmailStack } from './support/email-stack.js';
import { waitFor } from './support/test-env.js';
import { codeAt } from './support/totp.js';

type LogLine = Record<string, unknown>;

describe('security events: token reuse, audit, request logs, no-store answers, recovery codes (API, SMTP)', () => {
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

  const logLines = (): LogLine[] => api.logs.map((line) => JSON.parse(line) as LogLine);
  const mailTo = (email: string, subject: RegExp) =>
    waitFor(
      () => sink.messages.find((m) => subject.test(m.subject ?? '') && JSON.stringify(m.to).includes(email)),
      `a mail to ${email}`,
    );
  const audit = async (account: TestAccount, token = account.accessToken) => {
    const page = await api.request('GET', `/orgs/${account.orgId}/audit-log?limit=100`, { token });
    expect(page.status).toBe(200);
    return page.body.items as { action: string; target: string | null; ip: string | null }[];
  };
  const signIn = (account: TestAccount, password = account.password, ip?: string) =>
    api.request('POST', '/auth/login', { body: { email: account.email, password }, ip });

  it('treats a reused refresh token as an attack: every session ends, and it is logged, audited and emailed', async () => {
    const account = await signUp(api);
    const other = await signIn(account);
    const rotated = await api.request('POST', '/auth/refresh', { body: { refreshToken: account.refreshToken } });
    expect(rotated.status).toBe(200);

    const reuse = await api.request('POST', '/auth/refresh', {
      body: { refreshToken: account.refreshToken },
      ip: '198.51.100.23',
    });
    expect(reuse.status).toBe(401);
    for (const token of [rotated.body.accessToken, other.body.accessToken]) {
      expect((await api.request('GET', '/auth/me', { token })).status).toBe(401);
    }

    const warning = logLines().find((l) => l.level === 'warn' && /refresh token reused/.test(String(l.message)));
    expect(warning).toMatchObject({ userId: account.userId, sessionId: expect.any(String), ip: '198.51.100.23' });
    const mail = await mailTo(account.email, /Every session of your NovaPulse account was signed out/);
    expect(mail.text).toContain('198.51.100.23');

    // Replaying the dead token again ends nothing more: logged, but neither audited nor emailed again.
    const replay = await api.request('POST', '/auth/refresh', { body: { refreshToken: account.refreshToken } });
    expect(replay.status).toBe(401);
    expect(
      logLines().filter((l) => l.userId === account.userId && /refresh token reused/.test(String(l.message))),
    ).toHaveLength(2);
    expect(
      await db.collection('email_messages').countDocuments({ to: account.email, template: 'refresh-token-reused' }),
    ).toBe(1);

    const fresh = await signIn(account);
    const entries = (await audit(account, fresh.body.accessToken)).filter(
      (e) => e.action === 'auth.refresh_token_reused',
    );
    expect(entries).toEqual([
      expect.objectContaining({ ip: '198.51.100.23', target: `session:${String(warning!.sessionId)}` }),
    ]);
  });

  it('audits failed sign-ins sparingly, and each lockout', async () => {
    const account = await signUp(api);
    for (let i = 0; i < 3; i++) expect((await signIn(account, 'wrong-password', '192.0.2.44')).status).toBe(401);
    // While the lockout runs, attempts are refused before the password is checked: nothing more to audit.
    for (let i = 0; i < 4; i++) expect((await signIn(account, 'wrong-password')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await signIn(account, 'wrong-password')).status).toBe(401);

    const actions = (await audit(account)).map((e) => e.action);
    // Failures 1, 2 and 4 in a row get an entry; failure 3 and 4 each started a lockout.
    expect(actions.filter((a) => a === 'auth.sign_in_failed')).toHaveLength(3);
    expect(actions.filter((a) => a === 'auth.locked_out')).toHaveLength(2);
    expect(
      (await audit(account)).find((e) => e.action === 'auth.sign_in_failed' && e.ip === '192.0.2.44'),
    ).toBeTruthy();
  });

  it('audits sign-outs and session revocations', async () => {
    const account = await signUp(api);
    await api.request('POST', '/auth/login', {
      body: { email: account.email, password: account.password },
      headers: { 'user-agent': 'second-device' },
    });
    const third = await signIn(account);
    const sessions = await api.request('GET', '/auth/sessions', { token: account.accessToken });
    const secondId: string = sessions.body.items.find((s: { userAgent: string }) => s.userAgent === 'second-device').id;
    expect((await api.request('DELETE', `/auth/sessions/${secondId}`, { token: account.accessToken })).status).toBe(
      204,
    );
    expect((await api.request('POST', '/auth/logout', { token: third.body.accessToken })).status).toBe(204);
    expect((await api.request('POST', '/auth/logout-all', { token: account.accessToken })).status).toBe(200);

    const entries = await audit(account, (await signIn(account)).body.accessToken);
    expect(entries.filter((e) => e.action === 'auth.session_revoked').map((e) => e.target)).toEqual([
      `session:${secondId}`,
    ]);
    expect(entries.filter((e) => e.action === 'auth.sign_out').map((e) => e.target)).toEqual([
      `user:${account.userId}`,
      expect.stringMatching(/^session:/),
    ]);
  });

  it('logs the client IP and the principal on each request line', async () => {
    const account = await signUp(api);
    await api.request('GET', '/auth/me', {
      token: account.accessToken,
      headers: { 'x-request-id': 'who-am-i' },
      ip: '203.0.113.9',
    });
    const key = await api.request('POST', `/orgs/${account.orgId}/api-keys`, {
      token: account.accessToken,
      body: { name: 'reader', scopes: ['audit:read'] },
    });
    expect(key.status).toBe(201);
    await api.request('GET', `/orgs/${account.orgId}/audit-log`, {
      token: key.body.key,
      headers: { 'x-request-id': 'as-a-key' },
      ip: '203.0.113.10',
    });
    const completed = (id: string) => logLines().find((l) => l.message === 'request completed' && l.requestId === id);
    expect(completed('who-am-i')).toMatchObject({ ip: '203.0.113.9', userId: account.userId });
    expect(completed('as-a-key')).toMatchObject({ ip: '203.0.113.10', keyId: key.body.id });
    expect(completed('as-a-key')).not.toHaveProperty('userId');
  });

  it('answers every secret with Cache-Control: no-store', async () => {
    const account = await signUp(api);
    const as = (method: string, path: string, body?: unknown) =>
      api.request(method, path, { token: account.accessToken, body, headers: { 'x-org-id': account.orgId } });
    const key = await as('POST', `/orgs/${account.orgId}/api-keys`, { name: 'ci', scopes: ['audit:read'] });
    const endpoint = await as('POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', eventTypes: ['user.created'] });
    const rotated = await as('POST', `/webhooks/${endpoint.body.id}/secret/rotate`);
    const setup = await as('POST', '/mfa/setup', { password: account.password });
    const verified = await as('POST', '/mfa/verify', { code: await codeAt(setup.body.secret) });
    const regenerated = await as('POST', '/mfa/recovery-codes', { code: await codeAt(setup.body.secret, 1) });
    for (const answer of [key, endpoint, rotated, setup, verified, regenerated]) {
      expect(answer.status).toBeLessThan(300);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('regenerates recovery codes: the old ones die, each of the new ten signs in once', async () => {
    const account = await signUp(api);
    const token = account.accessToken;
    const setup = await api.request('POST', '/mfa/setup', { token, body: { password: account.password } });
    const verified = await api.request('POST', '/mfa/verify', {
      token,
      body: { code: await codeAt(setup.body.secret) },
    });
    const oldCodes: string[] = verified.body.recoveryCodes;
    const renewed = await api.request('POST', '/mfa/recovery-codes', {
      token,
      body: { code: await codeAt(setup.body.secret, 1) },
    });
    const newCodes: string[] = renewed.body.recoveryCodes;
    expect(newCodes).toHaveLength(10);
    expect(new Set([...oldCodes, ...newCodes]).size).toBe(20);

    const withCode = async (code: string) => {
      const challenge = await signIn(account);
      return (await api.request('POST', '/auth/login/mfa', { body: { mfaToken: challenge.body.mfaToken, code } }))
        .status;
    };
    expect(await withCode(oldCodes[0]!)).toBe(401);
    for (const code of newCodes) expect(await withCode(code)).toBe(200);
    expect(await withCode(newCodes[0]!)).toBe(401);
  });
});
