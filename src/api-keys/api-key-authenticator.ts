import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApiKeyAuthenticator, Principal } from '../auth/principal.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { hashApiKey, looksLikeApiKey } from './api-key-secret.js';
import { ApiKeysRepository } from './api-keys.repository.js';

/** lastUsedAt is for people ("is this key still in use?"): minute precision spares a write per request. */
const LAST_USED_PRECISION_MS = 60_000;

/** Registered under API_KEY_AUTHENTICATOR: the auth guard hands it every `np_live_…` bearer. */
@Injectable()
export class ApiKeyAuthenticatorService implements ApiKeyAuthenticator {
  private readonly logger = new Logger(ApiKeyAuthenticatorService.name);

  constructor(
    private readonly keys: ApiKeysRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authenticate(key: string): Promise<Extract<Principal, { kind: 'apiKey' }> | null> {
    if (!looksLikeApiKey(key)) return null;
    const found = await this.keys.findLiveByHash(hashApiKey(key));
    if (!found) return null;
    const keyId = found._id.toHexString();
    const orgId = found.orgId.toHexString();
    const now = this.clock.now();
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
      // Not awaited: the request does not wait on bookkeeping, nor fail for it.
      this.keys
        .markUsed(orgId, keyId, now)
        .catch((error: unknown) => this.logger.warn({ message: 'could not record API key use', keyId, error }));
    }
    return { kind: 'apiKey', keyId, orgId, scopes: found.scopes };
  }
}
