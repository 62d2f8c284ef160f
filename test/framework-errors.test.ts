import { STATUS_CODES } from 'node:http';
import { connect } from 'node:net';
import { startApi, type TestApi } from './support/api.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * Writes `request` as it is on a fresh TCP connection (fetch cannot send most of these) and reads
 * until the server closes it. `halfClose` ends the client's side after writing, as a client that
 * gives up mid-body does. The last response counts: a `100 Continue` before it is skipped.
 */
function sendRaw(port: number, request: string, { halfClose = false } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(
      () => socket.destroy(new Error(`no answer to ${JSON.stringify(request.slice(0, 60))}`)),
      5_000,
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may reset a connection whose request it refused while the client is still writing.
    socket.on('error', (error) => (chunks.length ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(parseResponse(Buffer.concat(chunks).toString('latin1')));
      } catch (error) {
        reject(error as Error);
      }
    });
    if (halfClose) socket.end(request, 'latin1');
    else socket.write(request, 'latin1');
  });
}

function parseResponse(raw: string): RawResponse {
  const responses = raw.split(/(?=^HTTP\/1\.1 )/m).filter((part) => !part.startsWith('HTTP/1.1 100 '));
  const last = responses.at(-1) ?? '';
  const headEnd = last.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error(`not an HTTP response: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = last.slice(0, headEnd).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  let text = last.slice(headEnd + 4);
  if (headers['transfer-encoding'] === 'chunked') text = dechunk(text);
  return { status: Number(statusLine!.split(' ')[1]), headers, text };
}

function dechunk(body: string): string {
  let out = '';
  for (let at = 0; ;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.slice(at, lineEnd), 16);
    if (!size) return out;
    out += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

const LONG_SEGMENT = 'a'.repeat(300);

describe('requests refused before the app sees them get the project JSON error shape', () => {
  let api: TestApi;
  let port: number;

  beforeAll(async () => {
    api = await startApi(isolatedEnv());
    port = Number(new URL(api.url).port);
  });

  afterAll(async () => {
    await api?.close();
  });

  afterEach(() => {
    // Malformed requests are the client's fault: none of them is logged as a server error.
    expect(api.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });

  /** The shape `HttpErrorFilter` answers with, and nothing more: no Fastify `code`, no echoed path. */
  function expectProjectError(response: RawResponse, status: number, mustNotEcho?: string) {
    expect({ status: response.status, text: response.text }).toMatchObject({ status });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(response.text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      expect.arrayContaining(['error', 'message', 'requestId', 'statusCode'].sort()),
    );
    expect(
      Object.keys(body).every((key) => ['statusCode', 'error', 'message', 'details', 'requestId'].includes(key)),
    ).toBe(true);
    expect(body).toMatchObject({ statusCode: status, error: STATUS_CODES[status] });
    expect(typeof body.message).toBe('string');
    expect(body.requestId).toEqual(expect.any(String));
    expect(response.headers['x-request-id']).toBe(body.requestId);
    if (mustNotEcho) expect(response.text).not.toContain(mustNotEcho);
    return body;
  }

  const get = (path: string, headers = 'Host: localhost\r\n') =>
    `GET ${path} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

  it('answers a path with a bad percent-escape with 400, without echoing the path', async () => {
    expectProjectError(await sendRaw(port, get('/api/v1/%zz')), 400, '%zz');
    expectProjectError(await sendRaw(port, get('/api/v1/orgs/%E0%A4%A/members')), 400, '%E0%A4%A');
  });

  it("keeps the caller's X-Request-Id on a refused path", async () => {
    const body = expectProjectError(
      await sendRaw(port, get('/api/v1/%zz', 'Host: localhost\r\nX-Request-Id: fuzz-case-1\r\n')),
      400,
    );
    expect(body.requestId).toBe('fuzz-case-1');
  });

  it('answers a path parameter longer than the router takes with 414, without echoing it', async () => {
    expectProjectError(await sendRaw(port, get(`/api/v1/orgs/${LONG_SEGMENT}`)), 414, LONG_SEGMENT);
  });

  it('answers oversized headers with 431', async () => {
    expectProjectError(
      await sendRaw(port, get('/api/v1/health/live', `Host: localhost\r\nX-Big: ${'b'.repeat(20_000)}\r\n`)),
      431,
    );
  });

  it('answers malformed header lines and request lines with 400', async () => {
    expectProjectError(
      await sendRaw(port, get('/api/v1/health/live', 'Host: localhost\r\nnot a header line\r\n')),
      400,
    );
    expectProjectError(await sendRaw(port, get('/api/v1/health/live', 'Host: localhost\r\nBad Name: x\r\n')), 400);
    expectProjectError(await sendRaw(port, 'G(T /api/v1/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n'), 400);
    expectProjectError(await sendRaw(port, '\u0000\u0001garbage\r\n\r\n'), 400);
  });

  it('answers an HTTP/1.1 request without a Host header with 400, and still serves HTTP/1.0 without one', async () => {
    const body = expectProjectError(await sendRaw(port, get('/api/v1/health/live', '')), 400);
    expect(body.message).toMatch(/host/i);
    const old = await sendRaw(port, 'GET /api/v1/health/live HTTP/1.0\r\n\r\n');
    expect(old.status).toBe(200);
  });

  it('answers an expectation it cannot meet with 417, and honours 100-continue', async () => {
    expectProjectError(await sendRaw(port, get('/api/v1/health/live', 'Host: localhost\r\nExpect: 200-ok\r\n')), 417);
    const continued = await sendRaw(
      port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nConnection: close\r\n' +
        'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    );
    expectProjectError(continued, 400);
  });

  it('answers bodies Node refuses (bad chunking, cut short) with 400 and logs no server error', async () => {
    const post = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n';
    expectProjectError(await sendRaw(port, `${post}Transfer-Encoding: chunked\r\n\r\nzz\r\n`), 400);
    expectProjectError(await sendRaw(port, `${post}Content-Length: 100\r\n\r\n{"email":`, { halfClose: true }), 400);
    expectProjectError(
      await sendRaw(port, `${post}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`),
      400,
    );
    // The broken body also reaches the app, after Node answered: it is logged, but not as an error (afterEach).
    await waitFor(
      () => api.logs.filter((line) => line.includes('request body not received')).length >= 2,
      'the app to see both broken bodies',
    );
  });
});
