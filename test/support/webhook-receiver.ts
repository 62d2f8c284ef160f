import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  /** When the request arrived (Date.now()). */
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** The most requests it was answering at once. */
  maxInFlight(): number;
  /** Sets the secret deliveries are verified with (the endpoint's, from the API). */
  useSecret(secret: string): void;
  /** Status codes to answer with, one per request; 200 once they run out. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  delayMs?: number;
  firstAnswer?: number;
}

/**
 * A subscriber's server: it verifies every post with the official `standardwebhooks` package; `delayMs`
 * slows every answer; `firstAnswer` is the status of the first post of each webhook-id (later ones get 200).
 */
export async function startWebhookReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let verifier: Webhook | undefined;
  const statuses: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    response.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified: boolean;
      try {
        verifier?.verify(body, request.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      const id = String(request.headers['webhook-id']);
      const firstOfId = options.firstAnswer !== undefined && !received.some((r) => r.id === id);
      received.push({
        id,
        headers: request.headers,
        body,
        verified,
        at: Date.now(),
      });
      const status = (firstOfId ? options.firstAnswer : undefined) ?? statuses.shift() ?? 200;
      const answer = () => response.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    maxInFlight: () => maxInFlight,
    useSecret: (secret) => (verifier = new Webhook(secret)),
    respondWith: (...codes) => statuses.push(...codes),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
