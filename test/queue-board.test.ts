import type { TestAccount } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { signUpOperatorRouteCallers } from './support/operators.js';
import { isolatedEnv } from './support/test-env.js';

/** Bull Board's page, one of its static files, and its JSON API (a read and a write). */
const BOARD_REQUESTS = [
  ['GET', '/admin/queues'],
  ['GET', '/admin/queues/static/favicon-32x32.png'],
  ['GET', '/admin/queues/api/queues'],
  ['PUT', '/admin/queues/api/queues/email/pause'],
] as const;

describe('Bull Board at /admin/queues (ADMIN_QUEUES_ENABLED=true)', () => {
  const env = isolatedEnv({ ADMIN_QUEUES_ENABLED: 'true' });
  let api: TestApi;
  let root: string;
  let operator: TestAccount;
  let admin: TestAccount;
  let apiKey: string;
  const board = (method: string, path: string, token?: string) =>
    fetch(`${root}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    api = await startApi(env);
    root = api.url.replace('/api/v1', '');
    ({ operator, admin, apiKey } = await signUpOperatorRouteCallers(api, env));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses anonymous callers (401), org admins and API keys (403) on its page, files and API', async () => {
    for (const [method, path] of BOARD_REQUESTS) {
      const anonymous = await board(method, path);
      expect([path, anonymous.status]).toEqual([path, 401]);
      expect(await anonymous.json()).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        requestId: expect.any(String),
      });
      for (const token of [admin.accessToken, apiKey, 'not-a-token.at.all']) {
        const refused = await board(method, path, token);
        expect([path, refused.status]).toEqual([path, token.startsWith('not-') ? 401 : 403]);
      }
    }
  });

  it('shows an operator every queue, read-only', async () => {
    const page = await board('GET', '/admin/queues', operator.accessToken);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const queues = await board('GET', '/admin/queues/api/queues', operator.accessToken);
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['email', 'report', 'webhook', 'workflow']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    expect((await board('PUT', '/admin/queues/api/queues/email/pause', operator.accessToken)).status).toBe(405);
  });
});

describe('Bull Board by default', () => {
  it('is not served', async () => {
    const api = await startApi(isolatedEnv());
    try {
      expect((await fetch(`${api.url.replace('/api/v1', '')}/admin/queues`)).status).toBe(404);
    } finally {
      await api.close();
    }
  });
});
