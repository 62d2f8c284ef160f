import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Agent } from 'undici';
import { freePort } from '../scripts/lib/services.mjs';
import { checkDestination, type LookupFn } from '../src/common/net/ssrf.js';
import { sendWebhook } from '../src/webhooks/delivery/http-sender.js';
import { createSafeAgent } from '../src/webhooks/delivery/safe-agent.js';
import { webhookHeaders } from '../src/webhooks/delivery/signature.js';
import { newEndpointSecret } from '../src/webhooks/endpoints/endpoint-secrets.js';

interface Receiver {
  url: string;
  port: number;
  requests: { headers: IncomingMessage['headers']; body: string }[];
  connections: number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records what it receives and answers with `respond`. */
async function startReceiver(
  respond: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ headers: req.headers, body });
      respond(req, body, res);
    });
  });
  const receiver = { requests, connections: 0 } as Receiver;
  server.on('connection', () => receiver.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  receiver.close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

const loopbackAllowed = ['127.0.0.0/8', '::1/128'];
const lookupTo =
  (address: string): LookupFn =>
  async () => [{ address, family: 4 }];
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('sending webhooks to real receivers', () => {
  const receivers: Receiver[] = [];
  const agents: Agent[] = [];
  const receiver = async (respond: Parameters<typeof startReceiver>[0]) => {
    const started = await startReceiver(respond);
    receivers.push(started);
    return started;
  };
  const agent = (options: Parameters<typeof createSafeAgent>[0] = { allowedCidrs: loopbackAllowed }) => {
    const created = createSafeAgent(options);
    agents.push(created);
    return created;
  };

  afterAll(async () => {
    await Promise.all(agents.map((created) => created.destroy()));
    await Promise.all(receivers.map((started) => started.close()));
  });

  it('delivers a signed message that the receiver verifies with standardwebhooks', async () => {
    const secret = newEndpointSecret();
    const verified: unknown[] = [];
    const target = await receiver((req, body, res) => {
      try {
        verified.push(new Webhook(secret).verify(body, req.headers as Record<string, string>));
        res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks ✓');
      } catch {
        res.writeHead(400).end('bad signature');
      }
    });
    const body = JSON.stringify({
      type: 'invoice.paid',
      data: { id: 'in_1', customer: 'Zoë', lines: [{ amount: 100 }] },
    });

    const result = await sendWebhook({
      url: target.url,
      headers: webhookHeaders('msg_ok', nowSeconds(), body, [secret]),
      body,
      timeoutMs: 5_000,
      agent: agent(),
    });

    expect(result).toMatchObject({
      outcome: 'success',
      statusCode: 200,
      responseExcerpt: 'thanks ✓',
      error: null,
      retryAfterMs: null,
    });
    expect(result.durationMs).toBeGreaterThan(0);
    expect(verified).toEqual([JSON.parse(body)]);
    expect(target.requests[0]?.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': 'msg_ok' });
  });

  it('reports a 500 as an http_error with the response excerpt and Retry-After', async () => {
    const target = await receiver((_req, _body, res) =>
      res.writeHead(500, { 'retry-after': '120' }).end('database is down'),
    );
    const result = await sendWebhook({ url: target.url, headers: {}, body: '{}', timeoutMs: 5_000, agent: agent() });
    expect(result).toMatchObject({
      outcome: 'http_error',
      statusCode: 500,
      responseExcerpt: 'database is down',
      retryAfterMs: 120_000,
      error: null,
    });
  });

  it('gives up on a receiver that never answers after about timeoutMs', async () => {
    const target = await receiver(() => {});
    const result = await sendWebhook({ url: target.url, headers: {}, body: '{}', timeoutMs: 500, agent: agent() });
    expect(result).toMatchObject({ outcome: 'timeout', statusCode: null });
    expect(result.error).toMatch(/500 ms|timeout/i);
    expect(result.durationMs).toBeGreaterThanOrEqual(450);
    expect(result.durationMs).toBeLessThan(1_500);
  });

  it('times out a receiver that sends headers and then stalls, keeping its status', async () => {
    const target = await receiver((_req, _body, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    const result = await sendWebhook({ url: target.url, headers: {}, body: '{}', timeoutMs: 500, agent: agent() });
    expect(result).toMatchObject({ outcome: 'success', statusCode: 200, responseExcerpt: 'partial' });
    expect(result.durationMs).toBeLessThan(1_500);
  });

  it('reads at most 64 KiB of an endless response, without cutting a character in half', async () => {
    const target = await receiver((_req, _body, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.write('x');
      const chunk = 'é'.repeat(8_192);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const result = await sendWebhook({ url: target.url, headers: {}, body: '{}', timeoutMs: 5_000, agent: agent() });
    expect(result).toMatchObject({ outcome: 'http_error', statusCode: 400 });
    expect(result.responseExcerpt).toBe('x' + 'é'.repeat(32_767));
    expect(Buffer.byteLength(result.responseExcerpt)).toBe(65_535);
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it('does not follow a redirect, even to another allowed server', async () => {
    const other = await receiver((_req, _body, res) => res.writeHead(200).end('followed'));
    const target = await receiver((_req, _body, res) => res.writeHead(302, { location: other.url }).end());
    const result = await sendWebhook({ url: target.url, headers: {}, body: '{}', timeoutMs: 5_000, agent: agent() });
    expect(result).toMatchObject({ outcome: 'http_error', statusCode: 302 });
    expect(other.requests).toHaveLength(0);
  });

  it.each(['127.0.0.1', 'localhost'])(
    'blocks a loopback receiver at %s when loopback is not allowlisted',
    async (host) => {
      const target = await receiver((_req, _body, res) => res.writeHead(200).end());
      const result = await sendWebhook({
        url: `http://${host}:${target.port}/hooks`,
        headers: {},
        body: '{}',
        timeoutMs: 5_000,
        agent: agent({ allowedCidrs: [] }),
      });
      expect(result).toMatchObject({ outcome: 'blocked', statusCode: null });
      expect(result.error).toMatch(/refused to connect to (127\.0\.0\.1|::1)/);
      expect(target.connections).toBe(0);
    },
  );

  it('catches DNS rebinding: a name that passed the check at creation is refused when it resolves to loopback at delivery', async () => {
    const target = await receiver((_req, _body, res) => res.writeHead(200).end());
    const url = `http://hooks.rebind.test:${target.port}/hooks`;
    expect(
      await checkDestination(new URL(url), { allowHttp: true, allowedCidrs: [], lookup: lookupTo('93.184.215.14') }),
    ).toMatchObject({ ok: true });

    const result = await sendWebhook({
      url,
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
      agent: agent({ allowedCidrs: [], lookup: lookupTo('127.0.0.1') }),
    });
    expect(result).toMatchObject({ outcome: 'blocked' });
    expect(target.connections).toBe(0);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'RFC 1918 10/8'],
    ['172.16.5.5', 'RFC 1918 172.16/12'],
    ['192.168.0.10', 'RFC 1918 192.168/16'],
    ['169.254.169.254', 'cloud metadata (link local)'],
    ['100.64.0.1', 'CGNAT'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'IPv6 loopback'],
    ['fe80::1', 'IPv6 link local'],
    ['fd00::1', 'IPv6 unique local'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata address'],
  ])('refuses at delivery a name that resolves to %s (%s) as blocked, not as a failed connection', async (address) => {
    const lookup: LookupFn = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
    const result = await sendWebhook({
      url: 'http://hooks.example.test/in',
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
      agent: agent({ allowedCidrs: [], lookup }),
    });
    expect(result).toMatchObject({ outcome: 'blocked', statusCode: null });
  });

  it('does not follow a redirect to loopback', async () => {
    const internal = await receiver((_req, _body, res) => res.writeHead(200).end('internal'));
    const target = await receiver((_req, _body, res) =>
      res.writeHead(307, { location: `http://127.0.0.1:${internal.port}/admin` }).end(),
    );
    const result = await sendWebhook({ url: target.url, headers: {}, body: '{}', timeoutMs: 5_000, agent: agent() });
    expect(result).toMatchObject({ outcome: 'http_error', statusCode: 307 });
    expect(internal.connections).toBe(0);
  });

  it('connects through its own lookup, sending the original Host', async () => {
    const target = await receiver((_req, _body, res) => res.writeHead(204).end());
    const result = await sendWebhook({
      url: `http://hooks.receiver.test:${target.port}/hooks`,
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
      agent: agent({ allowedCidrs: loopbackAllowed, lookup: lookupTo('127.0.0.1') }),
    });
    expect(result).toMatchObject({ outcome: 'success', statusCode: 204, responseExcerpt: '' });
    expect(target.requests[0]?.headers.host).toBe(`hooks.receiver.test:${target.port}`);
  });

  it('reports a refused connection as a network failure', async () => {
    const port = await freePort();
    const result = await sendWebhook({
      url: `http://127.0.0.1:${port}/hooks`,
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
      agent: agent(),
    });
    expect(result).toMatchObject({ outcome: 'network', statusCode: null });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });

  it('rejects with the reason when the caller cancels, since that is not the receiver failing', async () => {
    const target = await receiver(() => {});
    const controller = new AbortController();
    const sending = sendWebhook({
      url: target.url,
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
      agent: agent(),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('shutting down')), 100);
    await expect(sending).rejects.toThrow('shutting down');
  });
});
