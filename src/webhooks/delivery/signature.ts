import { createHmac } from 'node:crypto';
import { SECRET_PREFIX } from '../endpoints/endpoint-secrets.js';

// A type rather than an interface, so it is assignable to Record<string, string> as request headers.
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'content-type': 'application/json';
};

/**
 * `v1,<signature>` for each secret, space-separated, so receivers keep verifying with the old secret
 * while a rotation is under way. `timestamp` is in Unix seconds, as receivers check it.
 */
export function signatureHeader(secrets: readonly string[], msgId: string, timestamp: number, body: string): string {
  if (secrets.length === 0) throw new RangeError('a webhook is signed with at least one secret');
  const signed = `${msgId}.${timestamp}.${body}`;
  return secrets
    .map((secret) => `v1,${createHmac('sha256', signingKey(secret)).update(signed).digest('base64')}`)
    .join(' ');
}

export function webhookHeaders(
  msgId: string,
  timestamp: number,
  body: string,
  secrets: readonly string[],
): WebhookHeaders {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(secrets, msgId, timestamp, body),
    'content-type': 'application/json',
  };
}

function signingKey(secret: string): Buffer {
  // Anything else is a bug upstream (an encrypted or truncated value), not a key to sign with.
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a webhook secret starts with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}
