import { request as httpRequest } from 'node:http';
import { freePort } from '../scripts/lib/services.mjs';
import { runEntry, waitUntilReady } from './support/processes.js';
import { isolatedEnv } from './support/test-env.js';

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

describe('API shutdown', () => {
  it('on SIGTERM stops accepting, answers the requests it is already handling, then exits 0', async () => {
    const port = await freePort();
    const api = runEntry('api', isolatedEnv({ PORT: String(port) }));
    try {
      await waitUntilReady(api, `http://127.0.0.1:${port}/api/v1/health/ready`);
      const inFlight = Array.from({ length: 10 }, (_, i) => slowLogin(port, `in-flight-${i}@example.com`));
      await new Promise((resolve) => setTimeout(resolve, 300));

      const exit = api.stop('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const late = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`).then((r) => r.status, () => 'refused');
      for (const login of inFlight) login.finish();

      expect(await Promise.all(inFlight.map((login) => login.answered))).toEqual(Array(10).fill(401));
      expect(late).toBe('refused');
      expect(await exit).toBe(0);
      expect(api.output()).toContain('shut down cleanly');
    } finally {
      await api.stop('SIGKILL');
    }
  });
});
