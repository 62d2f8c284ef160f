import { runEntry, type RunningProcess, waitUntilReady } from '../scripts/lib/processes.mjs';
import { freePort, startRedis } from '../scripts/lib/services.mjs';
import { startApi, type TestApi } from './support/api.js';
import { sample } from './support/prometheus.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

const LIMITED = /^Too many requests \(login limit/;

function login(url: string, email: string, ip: string) {
  return fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password: 'not-the-password' }),
  });
}

describe('rate limits shared by two API processes through Redis', () => {
  let apis: RunningProcess[];
  let urls: string[];

  beforeAll(async () => {
    // A generous budget: this block is about exact counting under concurrency, not about failing open.
    const env = isolatedEnv({ RATE_LIMIT_BUDGET_MS: '1000' });
    const ports = [await freePort(), await freePort()];
    apis = ports.map((port) => runEntry('api', { ...env, PORT: String(port), LOG_LEVEL: 'warn' }));
    urls = ports.map((port) => `http://127.0.0.1:${port}/api/v1`);
    await Promise.all(apis.map((api, i) => waitUntilReady(api, `${urls[i]}/health/ready`)));
  });

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
  });

  it('lets exactly 5 of 100 concurrent sign-in attempts through, whichever process gets them', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(urls[i % 2]!, 'target@example.com', '198.51.100.10')),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { message: string }[];
    const limited = bodies.filter((body) => LIMITED.test(body.message));
    expect(limited).toHaveLength(95);
    expect(
      bodies
        .filter((body) => !LIMITED.test(body.message))
        .every((body) => body.message === 'Invalid email or password'),
    ).toBe(true);
    for (const url of urls)
      expect((await fetch(`${url}/metrics`).then((r) => r.text())).includes('outcome="fail_open"')).toBe(false);
  });

  it('describes the policy and what is left in draft-11 headers, and says when to retry', async () => {
    const first = await login(urls[0]!, 'headers@example.com', '198.51.100.11');
    expect(first.headers.get('ratelimit-policy')).toBe('"login";q=5;w=60');
    expect(first.headers.get('ratelimit')).toMatch(/^"login";r=4;t=(59|60)$/);
    for (let i = 0; i < 4; i++) await login(urls[i % 2]!, 'headers@example.com', '198.51.100.11');

    const refused = await login(urls[1]!, 'headers@example.com', '198.51.100.11');
    expect(refused.status).toBe(429);
    const windowLeft = Number(/t=(\d+)/.exec(refused.headers.get('ratelimit')!)![1]);
    expect(refused.headers.get('ratelimit')).toMatch(/^"login";r=0;t=\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(windowLeft);
    expect(await refused.json()).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      requestId: expect.any(String),
    });
  });

  it('counts another email or another address separately', async () => {
    for (let i = 0; i < 5; i++) await login(urls[0]!, 'one@example.com', '198.51.100.12');
    expect((await login(urls[0]!, 'one@example.com', '198.51.100.12')).status).toBe(429);
    expect((await login(urls[1]!, 'two@example.com', '198.51.100.12')).status).toBe(401);
    expect((await login(urls[1]!, 'one@example.com', '198.51.100.13')).status).toBe(401);
  });

  it('applies the default policy to other routes, and none to probes', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${urls[0]}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.14' },
        body: JSON.stringify(body),
      });
    const credentials = { email: 'counted@example.com', password: 'a long enough password' };
    await post('/auth/register', { ...credentials, name: 'Counted' });
    const { accessToken } = (await (await post('/auth/login', credentials)).json()) as { accessToken: string };
    const me = await fetch(`${urls[1]}/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('ratelimit-policy')).toBe('"default";q=100;w=60');
    expect(me.headers.get('ratelimit')).toMatch(/^"default";r=99;t=\d+$/);
    const probe = await fetch(`${urls[0]}/health/live`);
    expect(probe.headers.get('ratelimit-policy')).toBeNull();
  });
});

describe('rate limiting with Redis stopped (a redis-server this test owns)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let api: TestApi;

  beforeAll(async () => {
    redis = await startRedis();
    api = await startApi(isolatedEnv({ REDIS_URL: redis.url, RATE_LIMIT_BUDGET_MS: '25' }));
  });

  afterAll(async () => {
    await api?.close();
    await redis?.stop();
  });

  const failOpenCount = async () => {
    const text = (await api.request('GET', '/metrics')).text;
    return sample(text, 'novapulse_rate_limit_decisions_total{policy="login",outcome="fail_open"}', 0);
  };
  const attempt = (email: string) =>
    api.request('POST', '/auth/login', { body: { email, password: 'not-the-password' }, ip: '198.51.100.20' });

  it('lets requests through within the budget while Redis is down, counts it, and limits again once Redis is back', async () => {
    for (let i = 0; i < 5; i++) await attempt('before@example.com');
    expect((await attempt('before@example.com')).status).toBe(429);

    await redis.stop();
    const before = await failOpenCount();
    for (let i = 0; i < 10; i++) {
      const startedAt = performance.now();
      const response = await attempt('during@example.com');
      expect(response.status).toBe(401);
      expect(response.headers.get('ratelimit')).toBeNull();
      // The budget is 25 ms; the rest is the password check itself.
      expect(performance.now() - startedAt).toBeLessThan(500);
    }
    expect((await failOpenCount()) - before).toBe(10);

    redis = await startRedis({ port: redis.port });
    await waitFor(
      async () => (await attempt('after@example.com')).headers.get('ratelimit') !== null,
      'rate limiting to resume',
      10_000,
    );
    for (let i = 0; i < 4; i++) await attempt('after@example.com');
    expect((await attempt('after@example.com')).status).toBe(429);
  });
});
