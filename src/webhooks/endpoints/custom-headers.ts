/**
 * Header names an endpoint may not set: hop-by-hop headers (RFC 9110 §7.6.1) describe one connection,
 * not the delivery; the sender sets the framing and host itself; and `webhook-*` is the signature's
 * namespace (webhook-id, webhook-timestamp, webhook-signature), which must not be forged or shadowed.
 */
const RESERVED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'content-type',
  'expect',
]);

/** Letters, digits and inner hyphens: a strict subset of RFC 9110 tokens that is also a safe Mongo key. */
const HEADER_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_HEADER_NAME_LENGTH = 64;

/** Why `name` (already lower-cased) cannot be a delivery header, or null when it can. */
export function headerNameProblem(name: string): string | null {
  if (name.length > MAX_HEADER_NAME_LENGTH || !HEADER_NAME.test(name)) {
    return `must be a header name of letters, digits and hyphens, at most ${MAX_HEADER_NAME_LENGTH} characters`;
  }
  if (name.startsWith('webhook-')) return 'is reserved for the webhook signature (webhook-*)';
  if (RESERVED.has(name)) return 'is set by the sender and cannot be overridden';
  return null;
}

/** Printable characters and spaces, no CR/LF: a value can never start a header of its own. */
export const HEADER_VALUE = /^[\x20-\x7e]*$/;
