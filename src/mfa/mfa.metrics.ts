import { Counter } from 'prom-client';
import { metricsRegistry } from '../metrics/registry.js';
import type { MfaVerification } from './mfa.service.js';

const OUTCOMES = ['success', 'invalid', 'replayed', 'not_enabled'] as const;

const verifications = new Counter({
  name: 'novapulse_mfa_verifications_total',
  help: 'Second-factor checks (sign-in and enrolment) by outcome: success, invalid, replayed, not_enabled.',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
for (const outcome of OUTCOMES) verifications.inc({ outcome }, 0);

export function countMfaVerification(result: MfaVerification) {
  verifications.inc({ outcome: result.ok ? 'success' : result.reason });
}
