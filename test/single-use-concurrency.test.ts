import { type TestAccount, withApiAndAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { codeAt } from './support/totp.js';

/** Single-use things fired at once from many clients: exactly one may win, on the embedded store too. */
describe('single-use credentials under concurrency (API, store)', () => {
  let api: TestApi;
  let account: TestAccount;

  withApiAndAccount((started) => ({ api, account } = started));

  it('turns one refresh token into exactly one new pair when 6 refreshes race', async () => {
    const { refreshToken } = account;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api.request('POST', '/auth/refresh', { body: { refreshToken } })),
    );
    const pairs = answers.filter((a) => a.status === 200);
    expect(pairs.length).toBe(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 401)).toBe(true);
  });

  it('accepts one TOTP code once when 8 sign-ins send it at the same moment', async () => {
    // A session of its own: the race above ended the sign-up session's family.
    const signedIn = await api.request('POST', '/auth/login', {
      body: { email: account.email, password: account.password },
    });
    const token: string = signedIn.body.accessToken;
    const setup = await api.request('POST', '/mfa/setup', {
      token,
      body: { password: account.password },
    });
    const secret: string = setup.body.secret;
    expect((await api.request('POST', '/mfa/verify', { token, body: { code: await codeAt(secret) } })).status).toBe(
      201,
    );

    const challenges = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.request('POST', '/auth/login', { body: { email: account.email, password: account.password } }),
      ),
    );
    const code = await codeAt(secret, 1);
    const answers = await Promise.all(
      challenges.map((c) => api.request('POST', '/auth/login/mfa', { body: { mfaToken: c.body.mfaToken, code } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401, 401, 401, 401]);
  });
});
