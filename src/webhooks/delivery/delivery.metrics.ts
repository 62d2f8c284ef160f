import { Histogram } from 'prom-client';
import { labelledCounter, metricsRegistry } from '../../metrics/registry.js';
import type { DisabledReason } from '../endpoints/webhook-endpoint.schema.js';
import { ATTEMPT_OUTCOMES, type AttemptResult } from '../outbox/attempt-result.js';
import { PARK_REASONS, type ParkReason } from './endpoint-gate.js';

const attempts = labelledCounter({
  name: 'novapulse_webhook_delivery_attempts_total',
  help: 'Webhook delivery attempts by outcome (success, http_error, timeout, network, blocked, error).',
  label: 'outcome',
  values: ATTEMPT_OUTCOMES,
});

const attemptDuration = new Histogram({
  name: 'novapulse_webhook_delivery_attempt_duration_seconds',
  help: 'Time one webhook delivery attempt took, connect to answer (or failure), by outcome.',
  labelNames: ['outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60],
  registers: [metricsRegistry],
});

const endpointsDisabled = labelledCounter({
  name: 'novapulse_webhook_endpoints_disabled_total',
  help: 'Webhook endpoints disabled by delivery, by reason (gone: the receiver answered 410; failing: no success for too long).',
  label: 'reason',
  values: ['gone', 'failing'],
});

const parked = labelledCounter({
  name: 'novapulse_webhook_deliveries_parked_total',
  help: 'Deliveries put back to wait without an attempt, by reason (busy: endpoint at its concurrency cap; rate_limited; circuit_open).',
  label: 'reason',
  values: PARK_REASONS,
});

export function observeAttempt(result: Pick<AttemptResult, 'outcome' | 'durationMs'>) {
  attempts.inc({ outcome: result.outcome });
  attemptDuration.observe({ outcome: result.outcome }, result.durationMs / 1000);
}

export function observeEndpointDisabled(reason: DisabledReason) {
  endpointsDisabled.inc({ reason });
}

export function observeParked(reason: ParkReason) {
  parked.inc({ reason });
}
