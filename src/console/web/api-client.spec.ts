import { afterEach, describe, expect, it } from '@jest/globals';
import { ConsoleApiClient } from './api-client.js';
import { ApiError } from './contract.js';
import { Session } from './session.js';

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A stand-in for the API: `answer` decides each response; every request is recorded. */
function serve(answer: (call: Call) => Response | Promise<Response>): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = (async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
  return calls;
}

async function signedIn(): Promise<Session> {
  const session = new Session();
  serve(() => json(200, { mfaRequired: false, accessToken: 'first', tokenType: 'Bearer', expiresIn: 900 }));
  await session.signIn('ada@example.com', 'a long enough password');
  return session;
}

describe('ConsoleApiClient', () => {
  it('sends the access token and the chosen organization, and reads JSON (nothing for a 204)', async () => {
    const api = new ConsoleApiClient(await signedIn(), '665f1c2e8b3a4d0012345678');
    const calls = serve((call) =>
      call.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { ok: 1 }),
    );
    expect(await api.get('/webhooks')).toEqual({ ok: 1 });
    expect(await api.send('DELETE', '/webhooks/1')).toBeUndefined();
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/webhooks',
      headers: { authorization: 'Bearer first', 'x-org-id': '665f1c2e8b3a4d0012345678' },
    });
  });

  it('on a 401 refreshes once from the cookie, shared by the requests that need it, then retries', async () => {
    const api = new ConsoleApiClient(await signedIn(), null);
    const calls = serve((call) => {
      if (call.path === '/api/v1/auth/refresh') return json(200, { accessToken: 'second', expiresIn: 900 });
      return call.headers.authorization === 'Bearer second' ? json(200, { path: call.path }) : json(401, {});
    });
    const answers = await Promise.all([api.get('/auth/me'), api.get('/orgs')]);
    expect(answers).toEqual([{ path: '/api/v1/auth/me' }, { path: '/api/v1/orgs' }]);
    const refreshes = calls.filter((c) => c.path === '/api/v1/auth/refresh');
    expect(refreshes).toEqual([
      { method: 'POST', path: '/api/v1/auth/refresh', headers: expect.any(Object), body: {} },
    ]);
    expect(calls.length).toBe(5);
  });

  it('ends the session when the refresh is refused, and the request fails with the 401', async () => {
    const session = await signedIn();
    const api = new ConsoleApiClient(session, null);
    let ended = false;
    session.onChange(() => (ended = session.token === null));
    const calls = serve(() =>
      json(401, { statusCode: 401, message: 'The access token is invalid, expired or revoked' }),
    );
    const error = await api.get('/auth/me').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(ended).toBe(true);
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/auth/me', '/api/v1/auth/refresh']);
  });

  it('turns any other non-2xx answer into an ApiError with its message, field problems and Retry-After', async () => {
    const api = new ConsoleApiClient(await signedIn(), null);
    serve(() => json(429, { statusCode: 429, message: 'Too many requests' }, { 'retry-after': '7' }));
    const limited = (await api.send('POST', '/events', {}).catch((caught: unknown) => caught)) as ApiError;
    expect([limited.status, limited.message, limited.retryAfterSeconds]).toEqual([429, 'Too many requests', 7]);
    serve(() => json(400, { message: 'Invalid url', details: [{ field: 'url', problem: 'must be a URL' }] }));
    const invalid = (await api.send('POST', '/webhooks', { url: 'x' }).catch((caught: unknown) => caught)) as ApiError;
    expect([invalid.status, invalid.body.details, invalid.retryAfterSeconds]).toEqual([
      400,
      [{ field: 'url', problem: 'must be a URL' }],
      null,
    ]);
  });
});
