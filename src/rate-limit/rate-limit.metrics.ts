import { Counter } from 'prom-client';
import { metricsRegistry } from '../metrics/registry.js';

export const rateLimitDecisions = new Counter({
  name: 'novapulse_rate_limit_decisions_total',
  help: 'Rate-limit decisions by policy and outcome (allowed, limited, fail_open).',
  labelNames: ['policy', 'outcome'] as const,
  registers: [metricsRegistry],
});
