import type { SmtpSink } from '../scripts/lib/smtp-sink.mjs';
import { signUp, type TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { type EmailStack, startEmailStack } from './support/email-stack.js';
import { waitFor } from './support/test-env.js';
import { codeAt } from './support/totp.js';

const NEW_PASSWORD = 'an entirely fresh passphrase';

describe('passwords: reset links, changing while signed in, the policy, and the email after (API, SMTP)', () => {
  let stack: EmailStack | undefined;
  let api: TestApi;
  let sink: SmtpSink;

  beforeAll(async () => {
    stack = await startEmailStack();
    ({ api, sink } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const mailsTo = (email: string, subject: RegExp) =>
    sink.messages.filter((m) => subject.test(m.subject ?? '') && JSON.stringify(m.to).includes(email));
  const mailTo = (email: string, subject: RegExp) => waitFor(() => mailsTo(email, subject)[0], `a mail to ${email}`);
  const resetTokens = async (account: TestAccount, count: number) => {
    for (let i = 0; i < count; i++) {
      await api.request('POST', '/auth/password/forgot', { body: { email: account.email } });
    }
    const mails = await waitFor(() => {
      const found = mailsTo(account.email, /Reset your NovaPulse password/);
      return found.length === count ? found : undefined;
    }, `${count} reset mails`);
    return mails.map((mail) => /token=([\w-]+)/.exec(mail.text ?? '')![1]!);
  };
  const reset = (token: string, password = NEW_PASSWORD) =>
    api.request('POST', '/auth/password/reset', { body: { token, password } });
  const change = (account: TestAccount, body: Record<string, string>, token = account.accessToken) =>
    api.request('POST', '/auth/password/change', { token, body });
  const signIn = (account: TestAccount, password: string) =>
    api.request('POST', '/auth/login', { body: { email: account.email, password } });
  const auditActions = async (account: TestAccount, token: string) => {
    const page = await api.request('GET', `/orgs/${account.orgId}/audit-log?limit=100`, { token });
    return (page.body.items as { action: string }[]).map((item) => item.action);
  };

  it('voids every outstanding reset link when one of them is used', async () => {
    const account = await signUp(api);
    const [first, second] = await resetTokens(account, 2);
    expect((await reset(second!)).status).toBe(204);
    const again = await reset(first!, 'one more new passphrase');
    expect(again.status).toBe(400);
    expect(again.body.details).toEqual([{ field: 'token', problem: 'is invalid, expired or already used' }]);
    expect((await signIn(account, NEW_PASSWORD)).status).toBe(200);
  });

  it('tells the owner by email after a reset', async () => {
    const account = await signUp(api);
    const [token] = await resetTokens(account, 1);
    expect((await reset(token!)).status).toBe(204);
    const mail = await mailTo(account.email, /Your NovaPulse password was changed/);
    expect(mail.text).toMatch(/reset with an emailed link/);
    expect(mail.text).not.toContain(NEW_PASSWORD);
  });

  it('changes the password with the current one, signing out every other session and keeping this one', async () => {
    const account = await signUp(api);
    const other = await signIn(account, account.password);
    const wrong = await change(account, { currentPassword: 'not-the-password', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([{ field: 'currentPassword', problem: 'is not your current password' }]);

    const changed = await change(account, { currentPassword: account.password, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    expect((await api.request('GET', '/auth/me', { token: account.accessToken })).status).toBe(200);
    expect((await api.request('GET', '/auth/me', { token: other.body.accessToken })).status).toBe(401);
    expect(
      (await api.request('POST', '/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status,
    ).toBe(401);
    expect((await signIn(account, account.password)).status).toBe(401);
    expect((await signIn(account, NEW_PASSWORD)).status).toBe(200);

    const mail = await mailTo(account.email, /Your NovaPulse password was changed/);
    expect(mail.text).toMatch(/Every other session was signed out/);
    expect(await auditActions(account, account.accessToken)).toContain('auth.password_changed');
  });

  it('voids outstanding reset links when the password is changed', async () => {
    const account = await signUp(api);
    const [token] = await resetTokens(account, 1);
    expect((await change(account, { currentPassword: account.password, newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await reset(token!, 'one more new passphrase')).status).toBe(400);
  });

  it('asks for a current code too while MFA is on', async () => {
    const account = await signUp(api);
    const token = account.accessToken;
    const setup = await api.request('POST', '/mfa/setup', { token, body: { password: account.password } });
    const secret: string = setup.body.secret;
    expect((await api.request('POST', '/mfa/verify', { token, body: { code: await codeAt(secret) } })).status).toBe(
      201,
    );

    const noCode = await change(account, { currentPassword: account.password, newPassword: NEW_PASSWORD });
    expect(noCode.status).toBe(400);
    expect(noCode.body.details).toEqual([
      { field: 'code', problem: 'is required while two-factor authentication is on' },
    ]);
    const badCode = await change(account, {
      currentPassword: account.password,
      newPassword: NEW_PASSWORD,
      code: '000000',
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.details).toEqual([{ field: 'code', problem: 'is invalid or already used' }]);
    const withCode = await change(account, {
      currentPassword: account.password,
      newPassword: NEW_PASSWORD,
      code: await codeAt(secret, 1),
    });
    expect(withCode.status).toBe(204);
  });

  it('refuses the 10,000 most common passwords in any case, and ones holding the email or the name', async () => {
    const register = (password: string, name = 'Margaret Hamilton', email = 'margaret.h@example.com') =>
      api.request('POST', '/auth/register', { body: { email, password, name } });
    for (const [password, problem] of [
      ['LeaveMeAlone', 'is too common; choose another'],
      ['1QAZ2WSX3EDC', 'is too common; choose another'],
      ['my Margaret.H address', 'must not contain your email address'],
      ['hamilton on the moon', 'must not contain your name'],
    ] as const) {
      const refused = await register(password);
      expect([refused.status, refused.body.details]).toEqual([400, [{ field: 'password', problem }]]);
    }
    expect((await register('apollo guidance computer')).status).toBe(202);

    const account = await signUp(api, 'Katherine Johnson');
    const named = await change(account, { currentPassword: account.password, newPassword: 'katherine-2026-orbit' });
    expect([named.status, named.body.details]).toEqual([
      400,
      [{ field: 'newPassword', problem: 'must not contain your name' }],
    ]);
    const [token] = await resetTokens(account, 1);
    const local = account.email.split('@')[0]!;
    const personal = await reset(token!, `x ${local.toUpperCase()} y`);
    expect([personal.status, personal.body.details]).toEqual([
      400,
      [{ field: 'password', problem: 'must not contain your email address' }],
    ]);
    // A refused password leaves the link usable.
    expect((await reset(token!)).status).toBe(204);
  });
});
