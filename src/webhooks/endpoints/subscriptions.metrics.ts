import { Counter } from 'prom-client';
import { metricsRegistry } from '../../metrics/registry.js';

/** A Redis failure counts as a miss: the answer came from Mongo. */
export const subscriptionCacheLookups = new Counter({
  name: 'novapulse_webhook_subscription_cache_lookups_total',
  help: 'Webhook subscription lookups by whether the Redis cache answered (hit) or Mongo did (miss).',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});
