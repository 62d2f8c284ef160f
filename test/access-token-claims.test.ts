import { decodeJwt, SignJWT } from 'jose';
import type { TestAccount } from './support/accounts.js';
import { signUp } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { isolatedEnv } from './support/test-env.js';

/**
 * Tokens signed with the API's own secret, issuer and audience, as only someone holding the secret
 * could make them: claims the API never issues must still be refused as 401, never a 500.
 */
describe('access tokens whose claims are not ids the API issued', () => {
  const env = isolatedEnv();
  let api: TestApi;
  let account: TestAccount;
  let sessionId: string;

  beforeAll(async () => {
    api = await startApi(env);
    account = await signUp(api);
    sessionId = String(decodeJwt(account.accessToken).sid);
  });

  afterAll(async () => {
    await api?.close();
  });

  const tokenFor = (sub: string, sid: string) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(env.JWT_ISSUER ?? 'novapulse')
      .setAudience(env.JWT_AUDIENCE ?? 'novapulse-api')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(env.JWT_SECRET));
  };

  it('accepts a token made this way for the real user and session (the test signs as the API does)', async () => {
    const me = await api.request('GET', '/auth/me', { token: await tokenFor(account.userId, sessionId) });
    expect(me.status).toBe(200);
  });

  it.each([
    ['a sub that is not an ObjectId', () => ['not-an-id', sessionId]],
    ['a sub of 12 characters (an ObjectId to mongoose, not one the API issues)', () => ['abcdefghijkl', sessionId]],
    ['a sub in upper case', () => [account.userId.toUpperCase(), sessionId]],
    ['a sid that is not an ObjectId', () => [account.userId, 'not-a-session']],
  ])('answers 401 for %s', async (_name, claims) => {
    const [sub, sid] = claims();
    const me = await api.request('GET', '/auth/me', { token: await tokenFor(sub!, sid!) });
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});
