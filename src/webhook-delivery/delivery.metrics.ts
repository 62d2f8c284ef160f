import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics/registry.js';
import type { DisabledReason } from '../webhooks/webhook-endpoint.schema.js';
import type { AttemptResult } from './attempt-result.js';

const attempts = new Counter({
  name: 'novapulse_webhook_delivery_attempts_total',
  help: 'Webhook delivery attempts by outcome (success, http_error, timeout, network, blocked).',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const attemptDuration = new Histogram({
  name: 'novapulse_webhook_delivery_attempt_duration_seconds',
  help: 'Time one webhook delivery attempt took, connect to answer (or failure), by outcome.',
  labelNames: ['outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60],
  registers: [metricsRegistry],
});

const endpointsDisabled = new Counter({
  name: 'novapulse_webhook_endpoints_disabled_total',
  help: 'Webhook endpoints disabled by delivery, by reason (gone: the receiver answered 410; failing: no success for too long).',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

const parked = new Counter({
  name: 'novapulse_webhook_deliveries_parked_total',
  help: 'Deliveries put back to wait without an attempt, by reason (busy: endpoint at its concurrency cap; rate_limited; circuit_open).',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

// Every known series from the start at 0, so rate() and alerts see the first increment.
const OUTCOMES: AttemptResult['outcome'][] = ['success', 'http_error', 'timeout', 'network', 'blocked'];
for (const outcome of OUTCOMES) attempts.inc({ outcome }, 0);
for (const reason of ['gone', 'failing'] as const) endpointsDisabled.inc({ reason }, 0);
for (const reason of ['busy', 'rate_limited', 'circuit_open'] as const) parked.inc({ reason }, 0);

export function observeAttempt(result: Pick<AttemptResult, 'outcome' | 'durationMs'>) {
  attempts.inc({ outcome: result.outcome });
  attemptDuration.observe({ outcome: result.outcome }, result.durationMs / 1000);
}

export function observeEndpointDisabled(reason: DisabledReason) {
  endpointsDisabled.inc({ reason });
}

export function observeParked(reason: 'busy' | 'rate_limited' | 'circuit_open') {
  parked.inc({ reason });
}
