/** Who is calling: a signed-in user (through a session) or an organization's API key. */
export type Principal =
  | { kind: 'user'; userId: string; sessionId: string }
  | { kind: 'apiKey'; keyId: string; orgId: string; scopes: readonly string[] };

/** Resolves an `np_live_…` key to its principal, or null when unknown or revoked. */
export interface ApiKeyAuthenticator {
  authenticate(key: string): Promise<Extract<Principal, { kind: 'apiKey' }> | null>;
}

export const API_KEY_AUTHENTICATOR = Symbol('API_KEY_AUTHENTICATOR');
export const API_KEY_PREFIX = 'np_live_';
