import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CLOCK, type Clock } from '../../common/clock.js';
import { throttledWarning } from '../../common/logging/throttled-warning.js';
import { REDIS } from '../../redis/redis.module.js';
import { subscribesTo } from './event-types.js';
import { subscriptionCacheLookups } from './subscriptions.metrics.js';
import { type Subscription, WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

/** A backstop only: every change invalidates at once, but an invalidation lost to a Redis outage must not last. */
export const SUBSCRIPTIONS_TTL_SECONDS = 300;
/** Outlives any cached list by far, so a generation never starts over while a list tagged with it may exist. */
const GENERATION_TTL_SECONDS = 86_400;

interface CachedSubscriptions {
  generation: number;
  endpoints: Subscription[];
}

/** Where an event goes, and the organization's generation it was read under (null: Redis could not say). */
export interface EventRoute {
  endpointIds: string[];
  generation: number | null;
}

// The braces are a Redis Cluster hash tag: an organization's two keys share a slot, so one MGET/MULTI reaches both.
const listKey = (orgId: string) => `np:webhook-subs:{${orgId}}`;
const generationKey = (orgId: string) => `np:webhook-subs-gen:{${orgId}}`;

/**
 * Which endpoints of an organization (disabled ones too) subscribe to an event type, read through Redis (one key per
 * organization). Each change bumps the organization's generation, and a list is used only when it was
 * read from Mongo under the current one: a reader that loaded the list just before a change and stores
 * it just after cannot bring the old list back. When Redis fails, Mongo answers.
 */
@Injectable()
export class SubscriptionsCache {
  private readonly logger = new Logger(SubscriptionsCache.name);
  private readonly warnThrottled = throttledWarning(this.logger, () => this.clock.now().getTime());

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly endpoints: WebhookEndpointsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async endpointIdsFor(orgId: string, eventType: string): Promise<string[]> {
    return (await this.route(orgId, eventType)).endpointIds;
  }

  /**
   * The subscribed endpoints with the generation read in the same MGET, so whatever else an event of
   * the organization reaches (event-triggered workflows, whose saves bump the same generation) is
   * checked for change without another Redis command.
   */
  async route(orgId: string, eventType: string): Promise<EventRoute> {
    const { endpoints, generation } = await this.subscriptions(orgId.toLowerCase());
    return { endpointIds: endpoints.filter((s) => subscribesTo(s.eventTypes, eventType)).map((s) => s.id), generation };
  }

  /**
   * The organization's generation, which every change to its endpoints bumps: a worker's copy of an
   * endpoint tagged with it is current while it is unchanged. Null when Redis cannot say.
   */
  async generation(orgId: string): Promise<number | null> {
    try {
      return Number((await this.redis.get(generationKey(orgId.toLowerCase()))) ?? 0);
    } catch (error) {
      this.warn('webhook subscription generation unavailable; reading Mongo', orgId, error);
      return null;
    }
  }

  /**
   * Called after every change to an organization's endpoints or event-triggered workflows. Never
   * throws: the TTLs cover a lost invalidation.
   */
  async invalidate(orgId: string): Promise<void> {
    const id = orgId.toLowerCase();
    try {
      await this.redis
        .multi()
        .incr(generationKey(id))
        .expire(generationKey(id), GENERATION_TTL_SECONDS)
        .del(listKey(id))
        .exec();
    } catch (error) {
      this.warn('could not invalidate webhook subscriptions; the cached list expires on its own', id, error);
    }
  }

  private async subscriptions(orgId: string): Promise<{ endpoints: Subscription[]; generation: number | null }> {
    let generation: number;
    try {
      const [cached, current] = await this.redis.mget(listKey(orgId), generationKey(orgId));
      generation = Number(current ?? 0);
      const parsed = cached ? (JSON.parse(cached) as CachedSubscriptions) : null;
      if (parsed?.generation === generation) {
        subscriptionCacheLookups.inc({ result: 'hit' });
        return { endpoints: parsed.endpoints, generation };
      }
    } catch (error) {
      this.warn('webhook subscription cache unavailable; reading Mongo', orgId, error);
      subscriptionCacheLookups.inc({ result: 'miss' });
      return { endpoints: await this.endpoints.subscriptions(orgId), generation: null };
    }
    subscriptionCacheLookups.inc({ result: 'miss' });
    const endpoints = await this.endpoints.subscriptions(orgId);
    const value: CachedSubscriptions = { generation, endpoints };
    await this.redis
      .set(listKey(orgId), JSON.stringify(value), 'EX', SUBSCRIPTIONS_TTL_SECONDS)
      .catch((error: unknown) => this.warn('could not cache webhook subscriptions', orgId, error));
    return { endpoints, generation };
  }

  private warn(message: string, orgId: string, error: unknown) {
    this.warnThrottled({ message, orgId, error });
  }
}
