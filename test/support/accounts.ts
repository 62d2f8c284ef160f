import { randomBytes } from 'node:crypto';
import { startApi, type TestApi } from './api.js';
import { isolatedEnv } from './test-env.js';

export interface TestAccount {
  email: string;
  password: string;
  name: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
  orgId: string;
}

/** Registers a user through the API, signs in, and finds their personal organization. */
export async function signUp(api: Pick<TestApi, 'request'>, name = 'Ada Lovelace'): Promise<TestAccount> {
  const email = `user-${randomBytes(5).toString('hex')}@example.com`;
  // Digits only, so the password never happens to contain the name or the email (the policy refuses that).
  const password = `pw-${Array.from(randomBytes(16), (byte) => byte % 10).join('')}`;
  const registered = await api.request('POST', '/auth/register', { body: { email, password, name } });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}: ${registered.text}`);
  const login = await api.request('POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
  const { accessToken, refreshToken } = login.body;
  const me = await api.request('GET', '/auth/me', { token: accessToken });
  const orgs = await api.request('GET', '/orgs', { token: accessToken });
  const orgId = orgs.status === 200 ? (orgs.body.items?.[0]?.id ?? '') : '';
  return { email, password, name, accessToken, refreshToken, userId: me.body.id, orgId };
}

/** An API in this process and one account signed up on it. */
export async function startApiWithAccount(env = isolatedEnv()): Promise<{ api: TestApi; account: TestAccount }> {
  const api = await startApi(env);
  try {
    return { api, account: await signUp(api) };
  } catch (error) {
    await api.close();
    throw error;
  }
}

/**
 * For the describe block it is called in: before its tests, an API in this process (with `env`
 * overrides) and one account, handed to `take`; after them, the API closed.
 */
export function withApiAndAccount(
  take: (started: { api: TestApi; account: TestAccount }) => void,
  env: Record<string, string> = {},
): void {
  let api: TestApi | undefined;
  beforeAll(async () => {
    const started = await startApiWithAccount(isolatedEnv(env));
    api = started.api;
    take(started);
  });
  afterAll(async () => {
    await api?.close();
  });
}
