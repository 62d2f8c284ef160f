import { signUp } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { isolatedEnv } from './support/test-env.js';

/**
 * A client that races itself (two tabs, a retried request) presents one refresh token twice. Within
 * the reuse interval both get the same successor; after it, or once that successor was used, the
 * second use is reuse and ends every session.
 */
describe('the refresh reuse interval', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(isolatedEnv({ REFRESH_REUSE_INTERVAL_SECONDS: '2' }));
  });

  afterAll(async () => {
    await api?.close();
  });

  const refresh = (refreshToken: string) => api.request('POST', '/auth/refresh', { body: { refreshToken } });
  const sessionsOf = (accessToken: string) => api.request('GET', '/auth/sessions', { token: accessToken });

  it('gives 6 racing refreshes of one token the same single successor', async () => {
    const { refreshToken } = await signUp(api);
    const answers = await Promise.all(Array.from({ length: 6 }, () => refresh(refreshToken)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const successors = new Set(answers.map((a) => a.body.refreshToken as string));
    expect(successors.size).toBe(1);
    const [successor] = successors;
    expect(successor).not.toBe(refreshToken);
    // Every racer's access token works, and the one session lives on.
    for (const answer of answers) expect((await sessionsOf(answer.body.accessToken)).status).toBe(200);
    expect((await sessionsOf(answers[0]!.body.accessToken)).body.items).toHaveLength(1);
    // The successor is an ordinary refresh token: it works once.
    expect((await refresh(successor!)).status).toBe(200);
  });

  it('treats the token as reused once its successor was used, even within the interval', async () => {
    const { refreshToken } = await signUp(api);
    const first = await refresh(refreshToken);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    const replay = await refresh(refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.message).toBe('Refresh token was already used; every session has been revoked');
    expect((await sessionsOf(second.body.accessToken)).status).toBe(401);
  });

  it('treats the token as reused after the interval', async () => {
    const { refreshToken } = await signUp(api);
    const first = await refresh(refreshToken);
    expect(first.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const replay = await refresh(refreshToken);
    expect(replay.status).toBe(401);
    expect((await refresh(first.body.refreshToken)).status).toBe(401);
  });
});
