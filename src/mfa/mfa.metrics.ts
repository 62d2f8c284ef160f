import { labelledCounter } from '../metrics/registry.js';
import type { MfaVerification } from './mfa-verification.js';

const OUTCOMES = ['success', 'invalid', 'replayed', 'not_enabled'] as const;

const verifications = labelledCounter({
  name: 'novapulse_mfa_verifications_total',
  help: 'Second-factor checks (sign-in and enrolment) by outcome: success, invalid, replayed, not_enabled.',
  label: 'outcome',
  values: OUTCOMES,
});

export function countMfaVerification(result: MfaVerification) {
  verifications.inc({ outcome: result.ok ? 'success' : result.reason });
}
