import { hashToken, newOpaqueToken } from '../auth/opaque-token.js';
import { API_KEY_PREFIX } from '../auth/principal.js';

/** How much of a key stays visible, so people can tell their keys apart: `np_live_` and 4 more characters. */
export const VISIBLE_PREFIX_LENGTH = 12;

export interface NewApiKeySecret {
  /** Shown once to its creator, never stored. */
  key: string;
  prefix: string;
  hash: string;
}

export function newApiKeySecret(): NewApiKeySecret {
  const key = API_KEY_PREFIX + newOpaqueToken();
  return { key, prefix: key.slice(0, VISIBLE_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/** sha256: a key carries 256 random bits, so a slow hash would add cost on every request and no safety. */
export function hashApiKey(key: string): string {
  return hashToken(key);
}

/** `np_live_` and 43 base64url characters: anything else cannot be a key, and is not looked up. */
export function looksLikeApiKey(candidate: string): boolean {
  return /^np_live_[A-Za-z0-9_-]{43}$/.test(candidate);
}
