import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApiKeyAuthenticator, Principal } from '../auth/principal.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { ExpiringCache } from '../common/expiring-cache.js';
import type { ApiKeyRecord } from './api-key.schema.js';
import { hashApiKey, looksLikeApiKey } from './api-key-secret.js';
import { ApiKeysRepository } from './api-keys.repository.js';

/** lastUsedAt is for people ("is this key still in use?"): minute precision spares a write per request. */
const LAST_USED_PRECISION_MS = 60_000;
/**
 * How long a process trusts a key it has looked up: a revocation takes effect at once in the process
 * that made it and within this long in every other.
 */
export const API_KEY_CACHE_MS = 10_000;
/** Bounds the cache's memory whatever the number of keys presented; the oldest entry goes first. */
const CACHE_ENTRIES = 10_000;

interface CachedKey {
  key: ApiKeyRecord;
  lastUsedAt: number;
}

/** Registered under API_KEY_AUTHENTICATOR: the auth guard hands it every `np_live_…` bearer. */
@Injectable()
export class ApiKeyAuthenticatorService implements ApiKeyAuthenticator {
  private readonly logger = new Logger(ApiKeyAuthenticatorService.name);
  /** Live keys by hash; unknown and revoked ones are never cached, so a new key works at once. */
  private readonly cache = new ExpiringCache<CachedKey>(API_KEY_CACHE_MS, CACHE_ENTRIES);

  constructor(
    private readonly keys: ApiKeysRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authenticate(key: string): Promise<Extract<Principal, { kind: 'apiKey' }> | null> {
    if (!looksLikeApiKey(key)) return null;
    const now = this.clock.now();
    const cached = await this.lookUp(hashApiKey(key), now.getTime());
    if (!cached) return null;
    const keyId = cached.key._id.toHexString();
    const orgId = cached.key.orgId.toHexString();
    if (now.getTime() - cached.lastUsedAt >= LAST_USED_PRECISION_MS) {
      cached.lastUsedAt = now.getTime();
      // Not awaited: the request does not wait on bookkeeping, nor fail for it.
      this.keys
        .markUsed(orgId, keyId, now)
        .catch((error: unknown) => this.logger.warn({ message: 'could not record API key use', keyId, error }));
    }
    return { kind: 'apiKey', keyId, orgId, scopes: cached.key.scopes };
  }

  /** A key revoked here stops working here at once. */
  forget(keyId: string): void {
    this.cache.deleteWhere((cached) => cached.key._id.toHexString() === keyId);
  }

  private async lookUp(hash: string, now: number): Promise<CachedKey | null> {
    const cached = this.cache.get(hash, now);
    if (cached) return cached;
    const key = await this.keys.findLiveByHash(hash);
    if (!key) {
      this.cache.delete(hash);
      return null;
    }
    const entry = { key, lastUsedAt: key.lastUsedAt?.getTime() ?? 0 };
    this.cache.set(hash, entry, now);
    return entry;
  }
}
