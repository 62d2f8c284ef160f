import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock.js';
import { throttledWarning } from '../common/logging/throttled-warning.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { REDIS } from '../redis/redis.module.js';
import { rateLimitDecisions } from './rate-limit.metrics.js';
import { type RateLimitDecision, type RateLimitPolicy, windowMs } from './rate-limit-policy.js';
import { SLIDING_WINDOW_LUA } from './sliding-window.lua.js';

type SlidingWindowRedis = Redis & {
  slidingWindow(key: string, limit: number, windowMs: number, id: string): Promise<[number, number, number]>;
};

/**
 * Counts requests in Redis, shared by every API replica. When Redis is down or slower than the
 * budget the request is allowed (fail open): rate limiting must never take the API down with it.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly redis: SlidingWindowRedis;
  private readonly warnThrottled = throttledWarning(this.logger, () => this.clock.now().getTime());
  /** Members of a window must be unique; a process tag and a counter are, and cost no entropy. */
  private readonly tag = randomBytes(4).toString('hex');
  private sequence = 0;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    redis.defineCommand('slidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW_LUA });
    this.redis = redis as SlidingWindowRedis;
  }

  /** null means "failed open": no decision could be had in time. */
  async check(policy: RateLimitPolicy, identity: string): Promise<RateLimitDecision | null> {
    const key = `${this.config.rateLimit.keyPrefix}${policy.name}:${identity}`;
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.config.rateLimit.budgetMs);
    });
    const decided = this.redis
      .slidingWindow(key, policy.limit, windowMs(policy.window), `${this.tag}${(this.sequence++).toString(36)}`)
      .then(([allowed, remaining, resetMs]) => ({
        allowed: allowed === 1,
        remaining,
        resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
      }))
      .catch((error: unknown) => {
        this.warn(policy, error);
        return null;
      });
    try {
      const decision = await Promise.race([decided, budget]);
      if (!decision) this.warn(policy, new Error(`no answer within ${this.config.rateLimit.budgetMs} ms`));
      rateLimitDecisions.inc({
        policy: policy.name,
        outcome: decision ? (decision.allowed ? 'allowed' : 'limited') : 'fail_open',
      });
      return decision;
    } finally {
      clearTimeout(timer);
    }
  }

  private warn(policy: RateLimitPolicy, error: unknown) {
    this.warnThrottled({ message: 'rate limiting is failing open: Redis did not answer', policy: policy.name, error });
  }
}
