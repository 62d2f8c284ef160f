/** Everything an API key can be allowed to do; a route names the one it needs with @Scope(). */
export const API_KEY_SCOPES = [
  'orgs:read',
  'members:read',
  'members:write',
  'webhooks:read',
  'webhooks:write',
  'events:write',
  'audit:read',
  'workflows:read',
  'workflows:write',
  'reports:read',
  'reports:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
