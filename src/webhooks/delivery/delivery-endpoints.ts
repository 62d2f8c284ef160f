import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { ExpiringCache } from '../../common/expiring-cache.js';
import { liveSecrets } from '../endpoints/endpoint-secrets.js';
import { SubscriptionsCache } from '../endpoints/subscriptions.cache.js';
import type { DisabledReason } from '../endpoints/webhook-endpoint.schema.js';
import { WebhookEndpointsRepository } from '../endpoints/webhook-endpoints.repository.js';

export interface EndpointForDelivery {
  id: string;
  orgId: string;
  url: string;
  enabled: boolean;
  disabledReason: DisabledReason | null;
  headers: Record<string, string>;
  rateLimitPerSecond: number | null;
  failingSince: Date | null;
  /** Plaintext whsec_ values: the current one first, then replaced ones that have not expired. */
  signingSecrets: string[];
}

/**
 * A worker's copy of an endpoint, secrets decrypted, is used while the organization's subscription
 * generation (bumped by every change to its endpoints, failure history included) is unchanged, and for
 * this long at most: the bound on signing with a secret that expired meanwhile.
 */
const CACHE_MS = 5_000;
/** Bounds the copies' memory whatever the number of endpoints; the oldest goes first. */
const CACHE_ENTRIES = 5_000;

/** The delivery worker's reads and writes of an endpoint: what one attempt needs, and its failure history. */
@Injectable()
export class DeliveryEndpoints {
  private readonly cache = new ExpiringCache<EndpointForDelivery | null>(CACHE_MS, CACHE_ENTRIES);

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly subscriptions: SubscriptionsCache,
    private readonly secretBox: SecretBox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** What one attempt needs, secrets decrypted; null when the endpoint is gone. One Redis GET while cached. */
  async forDelivery(orgId: string, endpointId: string): Promise<EndpointForDelivery | null> {
    const generation = await this.subscriptions.generation(orgId);
    const now = this.clock.now().getTime();
    const key = `${orgId}:${endpointId}`;
    if (generation === null) {
      this.cache.delete(key);
      return this.load(orgId, endpointId);
    }
    const cached = this.cache.get(key, now, generation);
    if (cached !== undefined) return cached;
    const endpoint = await this.load(orgId, endpointId);
    this.cache.set(key, endpoint, now, generation);
    return endpoint;
  }

  private async load(orgId: string, endpointId: string): Promise<EndpointForDelivery | null> {
    const endpoint = await this.endpoints.find(orgId, endpointId);
    if (!endpoint) return null;
    const id = endpoint._id.toHexString();
    return {
      id,
      orgId: endpoint.orgId.toHexString(),
      url: endpoint.url,
      enabled: endpoint.enabled,
      disabledReason: endpoint.disabledReason ?? null,
      headers: endpoint.headers ?? {},
      rateLimitPerSecond: endpoint.rateLimitPerSecond ?? null,
      failingSince: endpoint.failingSince ?? null,
      signingSecrets: liveSecrets(endpoint.secrets, this.clock.now()).map((s) => this.secretBox.decrypt(s.sealed, id)),
    };
  }

  /** A delivery succeeded: the endpoint is no longer failing (and every worker's copy is stale). */
  async recordSuccess(orgId: string, endpointId: string): Promise<void> {
    await this.endpoints.clearFailing(orgId, endpointId);
    await this.subscriptions.invalidate(orgId);
  }

  /** A delivery failed: failingSince is set unless it already was (for a deleted endpoint, `now`). */
  async recordFailure(orgId: string, endpointId: string, now: Date): Promise<{ failingSince: Date }> {
    const failingSince = (await this.endpoints.markFailing(orgId, endpointId, now)) ?? now;
    await this.subscriptions.invalidate(orgId);
    return { failingSince };
  }

  /** True if the endpoint was enabled; a disabled one keeps the reason it was first disabled for. */
  async disable(orgId: string, endpointId: string, reason: DisabledReason): Promise<boolean> {
    const changed = await this.endpoints.disable(orgId, endpointId, reason);
    if (changed) await this.subscriptions.invalidate(orgId);
    return changed;
  }
}
