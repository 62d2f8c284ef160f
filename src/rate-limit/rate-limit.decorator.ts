import { SetMetadata } from '@nestjs/common';
import type { RateLimitPolicy } from './rate-limit-policy.js';

export const RATE_LIMIT_POLICY = 'novapulse:rate-limit';
export const RATE_LIMIT_SKIP = 'novapulse:rate-limit-skip';

/** Overrides the default limit for a route, e.g. `@RateLimit({ name: 'login', limit: 5, window: '1m', by: 'ip+email' })`. */
export const RateLimit = (policy: RateLimitPolicy) => SetMetadata(RATE_LIMIT_POLICY, policy);

/** For probes and scrapes only: they must never be refused for volume. */
export const SkipRateLimit = () => SetMetadata(RATE_LIMIT_SKIP, true);
