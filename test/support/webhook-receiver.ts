import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Sets the secret deliveries are verified with (the endpoint's, from the API). */
  useSecret(secret: string): void;
  /** Status codes to answer with, one per request; 200 once they run out. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
}

/** A subscriber's server: it verifies every post with the official `standardwebhooks` package. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let verifier: Webhook | undefined;
  const statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        verifier?.verify(body, request.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ id: String(request.headers['webhook-id']), headers: request.headers, body, verified });
      response.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    useSecret: (secret) => (verifier = new Webhook(secret)),
    respondWith: (...codes) => statuses.push(...codes),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
