import type { ApiKeyRecord } from './api-key.schema.js';

export interface ApiKeyView {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Never the hash: a listed key can be recognised by its prefix, not recovered. */
export function apiKeyView(key: ApiKeyRecord): ApiKeyView {
  return {
    id: key._id.toHexString(),
    name: key.name,
    scopes: key.scopes,
    prefix: key.prefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
