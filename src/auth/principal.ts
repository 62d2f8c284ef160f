import type { ApiKeyScope } from '../api-keys/api-key-scopes.js';

/**
 * Who is calling: a signed-in user (through a session) or an organization's API key. A key admitted to
 * a route carries the route's scope, so the route states it once (`@Scope`) and the organization check
 * (`OrgAccess`) applies the same one.
 */
export type Principal =
  | { kind: 'user'; userId: string; sessionId: string }
  | { kind: 'apiKey'; keyId: string; orgId: string; scopes: readonly string[]; routeScope?: ApiKeyScope };

/** Resolves an `np_live_…` key to its principal, or null when unknown or revoked. */
export interface ApiKeyAuthenticator {
  authenticate(key: string): Promise<Extract<Principal, { kind: 'apiKey' }> | null>;
}

export const API_KEY_AUTHENTICATOR = Symbol('API_KEY_AUTHENTICATOR');
export const API_KEY_PREFIX = 'np_live_';
