import { createHash, randomBytes } from 'node:crypto';

/** A bearer secret for refresh, reset, invite and MFA tokens: 256 random bits, URL-safe. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as this digest; their entropy makes a slow hash unnecessary. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
