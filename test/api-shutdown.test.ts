import { request as httpRequest } from 'node:http';
import { runEntry, type RunningProcess, waitUntilReady } from '../scripts/lib/processes.mjs';
import { freePort } from '../scripts/lib/services.mjs';
import { isolatedEnv } from './support/test-env.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a sign-in whose body arrives in two parts, so the server holds it in flight between them. */
function slowLogin(port: number, email: string) {
  const body = JSON.stringify({ email, password: 'not-the-password' });
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answered = new Promise<number | string>((resolve) => {
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', (error) => resolve(error.message));
  });
  request.write(body.slice(0, 10));
  return { finish: () => request.end(body.slice(10)), answered };
}

async function startApiProcess(overrides: Record<string, string>) {
  const port = await freePort();
  const api = runEntry('api', isolatedEnv({ PORT: String(port), ...overrides }));
  const base = `http://127.0.0.1:${port}/api/v1`;
  await waitUntilReady(api, `${base}/health/ready`);
  return { api, port, base };
}

const statusOf = (url: string) =>
  fetch(url).then(
    (r) => r.status,
    () => 'refused' as const,
  );

describe('API shutdown', () => {
  let api: RunningProcess | undefined;

  afterEach(async () => {
    await api?.stop('SIGKILL');
  });

  it('on SIGTERM answers readiness 503 while still serving, then stops accepting, answers the requests it holds, and exits 0', async () => {
    const started = await startApiProcess({ SHUTDOWN_UNREADY_DELAY_MS: '1000' });
    api = started.api;
    const inFlight = Array.from({ length: 10 }, (_, i) => slowLogin(started.port, `in-flight-${i}@example.com`));
    await sleep(300);

    const exit = api.stop('SIGTERM');
    await sleep(300);
    const ready = await fetch(`${started.base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      message: expect.stringContaining('shutdown'),
      error: { shutdown: { status: 'down', message: 'shutting down' } },
    });
    expect(await statusOf(`${started.base}/health/live`)).toBe(200);

    await sleep(1_000);
    const late = await statusOf(`${started.base}/health/live`);
    for (const login of inFlight) login.finish();

    expect(await Promise.all(inFlight.map((login) => login.answered))).toEqual(Array(10).fill(401));
    expect(late).toBe('refused');
    expect(await exit).toBe(0);
    expect(api.output()).toContain('shut down cleanly');
  });

  it('under load, with clients routed away once readiness turns 503 (as a load balancer does), fails no request and exits 0 within the budget', async () => {
    const budgetMs = 8_000;
    const delayMs = 1_500;
    const started = await startApiProcess({
      SHUTDOWN_UNREADY_DELAY_MS: String(delayMs),
      SHUTDOWN_TIMEOUT_MS: String(budgetMs),
    });
    api = started.api;
    const running = api;
    let routed = true;
    let signalledAt = 0;
    const failures: string[] = [];
    let answered = 0;
    let answeredAfterSignal = 0;

    // The load balancer: polls readiness every 100 ms and stops routing at the first answer other than 200.
    const balancer = (async () => {
      while (routed) {
        if ((await statusOf(`${started.base}/health/ready`)) !== 200) routed = false;
        else await sleep(100);
      }
    })();
    const client = async (id: number) => {
      while (routed) {
        const path = id % 2 ? '/health/live' : `/no-such-route-${id}`;
        const expected = id % 2 ? 200 : 404;
        try {
          const response = await fetch(`${started.base}${path}`);
          await response.arrayBuffer();
          if (response.status !== expected) failures.push(`${path}: ${response.status}`);
          answered++;
          if (signalledAt) answeredAfterSignal++;
        } catch (error) {
          failures.push(`${path}: ${String((error as Error).cause ?? error)}`);
        }
      }
    };
    const clients = Array.from({ length: 16 }, (_, id) => client(id));

    await sleep(1_000);
    signalledAt = Date.now();
    const exitCode = await running.stop('SIGTERM');
    const tookMs = Date.now() - signalledAt;
    routed = false;
    await Promise.all([balancer, ...clients]);

    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(100);
    expect(answeredAfterSignal).toBeGreaterThan(0);
    expect(exitCode).toBe(0);
    expect(tookMs).toBeGreaterThanOrEqual(delayMs);
    expect(tookMs).toBeLessThan(budgetMs);
  });

  it('exits 1 when the budget runs out, logging what was still open', async () => {
    const started = await startApiProcess({ SHUTDOWN_UNREADY_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '1000' });
    api = started.api;
    const stuck = slowLogin(started.port, 'never-finishes@example.com');
    await sleep(300);

    const signalledAt = Date.now();
    expect(await api.stop('SIGTERM')).toBe(1);
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    const line = api
      .output()
      .split('\n')
      .find((l) => l.includes('shutdown did not finish in time'));
    expect(line).toBeDefined();
    expect(line).toMatch(/httpRequestsInFlight\D+1/);
    expect(line).toContain('TCPSocketWrap');
    stuck.finish();
  });
});
