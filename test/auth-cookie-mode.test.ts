import { signUp, type TestAccount } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { operatorCommand } from './support/operators.js';
import { isolatedEnv } from './support/test-env.js';
import { codeAt } from './support/totp.js';

const COOKIE = /^np_refresh=([^;]+); Max-Age=(\d+); Path=\/api\/v1\/auth\/refresh; HttpOnly; Secure; SameSite=Strict$/;
const CLEARED = 'np_refresh=; Max-Age=0; Path=/api/v1/auth/refresh; HttpOnly; Secure; SameSite=Strict';

/** The console's way to hold a refresh token: an HttpOnly cookie, used only from the API's own origin. */
describe('refresh tokens in cookie mode', () => {
  const env = isolatedEnv();
  let api: TestApi;
  let origin: string;
  let account: TestAccount;

  beforeAll(async () => {
    api = await startApi(env);
    origin = new URL(api.url).origin;
    account = await signUp(api);
  });

  afterAll(async () => {
    await api?.close();
  });

  const cookieLogin = (who: TestAccount, headers: Record<string, string> = { origin }) =>
    api.request('POST', '/auth/login', {
      body: { email: who.email, password: who.password, refreshTokenIn: 'cookie' },
      headers,
    });
  const cookieRefresh = (token: string, headers: Record<string, string> = { origin }) =>
    api.request('POST', '/auth/refresh', { body: {}, headers: { cookie: `np_refresh=${token}`, ...headers } });
  const cookieOf = (response: { headers: Headers }) => COOKIE.exec(response.headers.get('set-cookie') ?? '')?.[1];

  it('sets the refresh token as an HttpOnly, Secure, SameSite=Strict cookie for the refresh path only', async () => {
    const login = await cookieLogin(account);
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      mfaRequired: false,
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    const [, token, maxAge] = COOKIE.exec(login.headers.get('set-cookie') ?? '') ?? [];
    expect(token).toMatch(/^[\w-]{16,}$/);
    expect(Number(maxAge)).toBe(30 * 86_400);
    expect((await api.request('GET', '/auth/me', { token: login.body.accessToken })).status).toBe(200);
  });

  it('refreshes from the cookie alone, rotating it, and a reused cookie ends the session and clears it', async () => {
    const first = cookieOf(await cookieLogin(account))!;
    const refreshed = await cookieRefresh(first);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    expect((await api.request('GET', '/auth/me', { token: refreshed.body.accessToken })).status).toBe(200);
    const second = cookieOf(refreshed)!;
    expect(second).not.toBe(first);

    const reused = await cookieRefresh(first);
    expect(reused.status).toBe(401);
    expect(reused.headers.get('set-cookie')).toBe(CLEARED);
    expect((await cookieRefresh(second)).status).toBe(401);
  });

  it('turns one cookie into exactly one new cookie when 6 refreshes race', async () => {
    const token = cookieOf(await cookieLogin(account))!;
    const answers = await Promise.all(Array.from({ length: 6 }, () => cookieRefresh(token)));
    const winners = answers.filter((a) => a.status === 200);
    expect(winners.length).toBe(1);
    expect(cookieOf(winners[0]!)).toEqual(expect.any(String));
    const losers = answers.filter((a) => a.status !== 200);
    expect(losers.map((a) => [a.status, a.headers.get('set-cookie')])).toEqual(
      Array.from({ length: 5 }, () => [401, CLEARED]),
    );
  });

  it('refuses cookie-mode calls without an Origin or from another origin (403), leaving the cookie usable', async () => {
    const token = cookieOf(await cookieLogin(account))!;
    const tries: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { origin: origin.replace('127.0.0.1', 'localhost') },
    ];
    for (const headers of tries) {
      const refused = await cookieRefresh(token, headers);
      expect(refused.status).toBe(403);
      expect(refused.body.details).toEqual([{ field: 'origin', problem: expect.any(String) }]);
      const login = await cookieLogin(account, headers);
      expect(login.status).toBe(403);
      expect(login.headers.get('set-cookie')).toBeNull();
    }
    expect((await cookieRefresh(token)).status).toBe(200);
  });

  it('clears the cookie on sign-out, after which it refreshes nothing', async () => {
    const login = await cookieLogin(account);
    const logout = await api.request('POST', '/auth/logout', { token: login.body.accessToken, headers: { origin } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toBe(CLEARED);
    expect((await cookieRefresh(cookieOf(login)!)).status).toBe(401);
  });

  it('keeps JSON mode as it was: the token in the body, no cookie; no token and no cookie is a 400', async () => {
    const login = await api.request('POST', '/auth/login', {
      body: { email: account.email, password: account.password },
    });
    expect(login.body.refreshToken).toEqual(expect.any(String));
    expect(login.headers.get('set-cookie')).toBeNull();
    const refreshed = await api.request('POST', '/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    const empty = await api.request('POST', '/auth/refresh', { body: {}, headers: { origin } });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual([{ field: 'refreshToken', problem: 'must be a token' }]);
    const badMode = await api.request('POST', '/auth/login', {
      body: { email: account.email, password: account.password, refreshTokenIn: 'header' },
    });
    expect(badMode.status).toBe(400);
    expect(badMode.body.details).toEqual([{ field: 'refreshTokenIn', problem: 'must be body or cookie' }]);
  });

  it('sets the cookie after the MFA step too', async () => {
    const user = await signUp(api);
    const setup = await api.request('POST', '/mfa/setup', {
      token: user.accessToken,
      body: { password: user.password },
    });
    const verify = await api.request('POST', '/mfa/verify', {
      token: user.accessToken,
      body: { code: await codeAt(setup.body.secret) },
    });
    expect(verify.status).toBe(201);
    const step = await cookieLogin(user);
    expect(step.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(step.headers.get('set-cookie')).toBeNull();
    const done = await api.request('POST', '/auth/login/mfa', {
      body: { mfaToken: step.body.mfaToken, code: await codeAt(setup.body.secret, 1), refreshTokenIn: 'cookie' },
      headers: { origin },
    });
    expect(done.status).toBe(200);
    expect(done.body.refreshToken).toBeUndefined();
    expect((await cookieRefresh(cookieOf(done)!)).status).toBe(200);
  });

  it('tells the signed-in user whether they are a platform operator', async () => {
    const user = await signUp(api);
    expect((await api.request('GET', '/auth/me', { token: user.accessToken })).body.operator).toBe(false);
    expect((await operatorCommand(env, 'grant', user.email)).code).toBe(0);
    expect((await api.request('GET', '/auth/me', { token: user.accessToken })).body.operator).toBe(true);
  });
});
