import { randomBytes } from 'node:crypto';
import type { EndpointSecret } from './webhook-endpoint.schema.js';

export const SECRET_PREFIX = 'whsec_';

/** How long a replaced secret keeps signing, so receivers can switch to the new one. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;
/** Rotating again and again within a day must not grow the document (and each delivery's signatures) without end. */
export const MAX_SECRETS = 5;

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function newEndpointSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The current secret and those replaced ones still signing, current first. */
export function liveSecrets(secrets: readonly EndpointSecret[], now: Date): EndpointSecret[] {
  return secrets.filter((secret, index) => index === 0 || (secret.expiresAt !== null && secret.expiresAt > now));
}

/** `fresh` becomes current; the current one expires in 24 h; expired ones, and the oldest beyond the cap, are dropped. */
export function rotatedSecrets(secrets: readonly EndpointSecret[], fresh: EndpointSecret, now: Date): EndpointSecret[] {
  const [current, ...previous] = liveSecrets(secrets, now);
  const replaced = current ? [{ ...current, expiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS) }] : [];
  return [fresh, ...replaced, ...previous].slice(0, MAX_SECRETS);
}
