import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { EmailMessage } from '../src/email/email-message.schema.js';
import { type TestAccount, withApiAndAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { codeAt } from './support/totp.js';

describe('MFA settings routes (setup, verify, recovery codes, disable)', () => {
  let api: TestApi;
  let account: TestAccount;
  let secret: string;
  let recoveryCodes: string[];

  withApiAndAccount((started) => ({ api, account } = started));

  const post = (path: string, body: unknown) => api.request('POST', path, { token: account.accessToken, body });
  const emailsTo = (email: string) =>
    api.app
      .get<Model<EmailMessage>>(getModelToken(EmailMessage.name), { strict: false })
      .find({ to: email })
      .lean()
      .exec();
  const auditActions = async () => {
    const page = await api.request('GET', `/orgs/${account.orgId}/audit-log`, { token: account.accessToken });
    return (page.body.items as { action: string }[]).map((item) => item.action);
  };

  it('is for signed-in users only', async () => {
    const anonymous = await api.request('POST', '/mfa/setup', { body: { password: account.password } });
    expect(anonymous.status).toBe(401);
  });

  it('refuses malformed bodies naming the field', async () => {
    const notAString = await post('/mfa/setup', { password: 123 });
    expect(notAString.status).toBe(400);
    expect(notAString.body.details).toEqual([{ field: 'password', problem: 'must be a password' }]);
    const operator = await post('/mfa/setup', { password: { $ne: '' } });
    expect(operator.status).toBe(400);
    const unknown = await post('/mfa/setup', { password: account.password, admin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([{ field: 'admin', problem: 'is not a known field' }]);
  });

  it('needs setup before verify, and a right code to turn MFA on', async () => {
    const early = await post('/mfa/verify', { code: '123456' });
    expect(early.status).toBe(409);

    const setup = await post('/mfa/setup', { password: account.password });
    expect(setup.status).toBe(201);
    expect(setup.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(setup.body).sort()).toEqual(['otpauthUrl', 'qrCodeDataUrl', 'secret']);
    secret = setup.body.secret;

    const wrong = await post('/mfa/verify', { code: await codeAt(secret, -5) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'The code is not valid',
      requestId: expect.any(String),
    });
    expect((await api.request('GET', '/auth/me', { token: account.accessToken })).body.mfaEnabled).toBe(false);

    const verified = await post('/mfa/verify', { code: await codeAt(secret) });
    expect(verified.status).toBe(201);
    expect(verified.headers.get('cache-control')).toBe('no-store');
    recoveryCodes = verified.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect((await api.request('GET', '/auth/me', { token: account.accessToken })).body.mfaEnabled).toBe(true);
  });

  it('tells the user by email and records it in the audit log', async () => {
    expect((await emailsTo(account.email)).map((e) => e.template)).toContain('mfa-enabled');
    expect(await auditActions()).toContain('mfa.enabled');
  });

  it('refuses a second setup or verify while MFA is on', async () => {
    expect((await post('/mfa/setup', { password: account.password })).status).toBe(409);
    expect((await post('/mfa/verify', { code: await codeAt(secret, 1) })).status).toBe(409);
  });

  it('regenerates recovery codes for a current code; the old ones and the code stop working', async () => {
    const code = await codeAt(secret, 1);
    const renewed = await post('/mfa/recovery-codes', { code });
    expect(renewed.status).toBe(201);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    expect(renewed.body.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect(await auditActions()).toContain('mfa.recovery_codes_regenerated');

    const replayed = await post('/mfa/recovery-codes', { code });
    expect(replayed.status).toBe(401);
    expect(replayed.body.message).toMatch(/already used/);
    const oldCode = await post('/mfa/recovery-codes', { code: recoveryCodes[0] });
    expect(oldCode.status).toBe(401);
    expect(oldCode.body.message).toBe('The code is not valid');
    recoveryCodes = renewed.body.recoveryCodes;
  });

  it('turns MFA off with the password and a recovery code', async () => {
    const wrongPassword = await post('/mfa/disable', { password: `${account.password}x`, code: recoveryCodes[0] });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.message).toBe('The password is not correct');
    const wrongCode = await post('/mfa/disable', { password: account.password, code: 'aaaaa-aaaaa' });
    expect(wrongCode.status).toBe(401);

    const disabled = await post('/mfa/disable', { password: account.password, code: recoveryCodes[0] });
    expect(disabled.status).toBe(204);
    expect((await api.request('GET', '/auth/me', { token: account.accessToken })).body.mfaEnabled).toBe(false);
    expect((await emailsTo(account.email)).map((e) => e.template)).toContain('mfa-disabled');
    expect(await auditActions()).toEqual(expect.arrayContaining(['mfa.disabled', 'mfa.recovery_code_used']));
    expect(
      (await api.request('POST', '/auth/login', { body: { email: account.email, password: account.password } })).body
        .mfaRequired,
    ).toBe(false);
  });

  it('has nothing to disable or regenerate once MFA is off', async () => {
    expect((await post('/mfa/disable', { password: account.password, code: recoveryCodes[1] })).status).toBe(409);
    expect((await post('/mfa/recovery-codes', { code: recoveryCodes[1] })).status).toBe(409);
  });

  it('never writes the secret or a recovery code to the logs', () => {
    const logs = api.logs.join('\n');
    expect(logs).not.toContain(secret);
    for (const code of recoveryCodes) expect(logs).not.toContain(code);
  });
});
