import { type TestAccount, withApiAndAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { codeAt } from './support/totp.js';

describe('sign-in with TOTP MFA (codes made by otplib)', () => {
  let api: TestApi;
  let account: TestAccount;
  let secret: string;
  let recoveryCodes: string[];

  withApiAndAccount((started) => ({ api, account } = started));

  const login = () =>
    api.request('POST', '/auth/login', { body: { email: account.email, password: account.password } });
  const loginMfa = (mfaToken: string, code: string) =>
    api.request('POST', '/auth/login/mfa', { body: { mfaToken, code } });
  /** Each `name{outcome="…"}` sample of the API's metrics, by outcome. */
  const outcomes = async (name: string) => {
    const text = (await api.request('GET', '/metrics')).text;
    return Object.fromEntries(
      [...text.matchAll(new RegExp(`^${name}\\{outcome="(\\w+)"\\} (\\d+)`, 'gm'))].map((m) => [m[1]!, Number(m[2])]),
    );
  };
  const delta = (after: Record<string, number>, before: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(after)
        .map(([key, value]) => [key, value - (before[key] ?? 0)])
        .filter(([, value]) => value !== 0),
    );

  it('sets MFA up with a password re-check, a QR code, and a first code', async () => {
    const refused = await api.request('POST', '/mfa/setup', {
      token: account.accessToken,
      body: { password: 'not-my-password' },
    });
    expect(refused.status).toBe(401);

    const setup = await api.request('POST', '/mfa/setup', {
      token: account.accessToken,
      body: { password: account.password },
    });
    expect(setup.status).toBe(201);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/NovaPulse/);
    expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    secret = setup.body.secret;
    expect((await login()).body.mfaRequired).toBe(false);

    const verified = await api.request('POST', '/mfa/verify', {
      token: account.accessToken,
      body: { code: await codeAt(secret) },
    });
    expect(verified.status).toBe(201);
    recoveryCodes = verified.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code.replace(/[^A-Za-z0-9]/g, '').length).toBeGreaterThanOrEqual(10);
    expect((await api.request('GET', '/auth/me', { token: account.accessToken })).body.mfaEnabled).toBe(true);
  });

  it('asks for a code after the password, refuses a wrong one, accepts a right one once', async () => {
    expect((await api.request('POST', '/auth/logout', { token: account.accessToken })).status).toBe(204);
    const [loginsBefore, verificationsBefore] = [
      await outcomes('novapulse_logins_total'),
      await outcomes('novapulse_mfa_verifications_total'),
    ];
    const first = await login();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(first.body.accessToken).toBeUndefined();

    expect((await loginMfa(first.body.mfaToken, await codeAt(secret, -20))).status).toBe(401);

    // The setup code used the current step; the next step is within the allowed drift.
    const code = await codeAt(secret, 1);
    const signedIn = await loginMfa(first.body.mfaToken, code);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
    expect((await api.request('GET', '/auth/me', { token: signedIn.body.accessToken })).status).toBe(200);

    const again = await login();
    const replay = await loginMfa(again.body.mfaToken, code);
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/already used/);

    expect(delta(await outcomes('novapulse_logins_total'), loginsBefore)).toEqual({
      mfa_required: 2,
      invalid_mfa: 2,
      success: 1,
    });
    expect(delta(await outcomes('novapulse_mfa_verifications_total'), verificationsBefore)).toEqual({
      invalid: 1,
      replayed: 1,
      success: 1,
    });
  });

  it('accepts a recovery code once, and never the same one twice', async () => {
    const first = await login();
    expect((await loginMfa(first.body.mfaToken, recoveryCodes[0]!)).status).toBe(200);
    const second = await login();
    expect((await loginMfa(second.body.mfaToken, recoveryCodes[0]!)).status).toBe(401);
    expect((await loginMfa(second.body.mfaToken, recoveryCodes[1]!)).status).toBe(200);
  });

  it('uses an MFA token only once', async () => {
    const first = await login();
    expect((await loginMfa(first.body.mfaToken, recoveryCodes[2]!)).status).toBe(200);
    expect((await loginMfa(first.body.mfaToken, recoveryCodes[3]!)).status).toBe(401);
  });

  it('shows the secret only in the setup response and the codes only where they are made', () => {
    const logs = api.logs.join('\n');
    expect(logs).not.toContain(secret);
    for (const code of recoveryCodes) expect(logs).not.toContain(code);
  });
});
