import { Counter } from 'prom-client';
import { metricsRegistry } from '../metrics/registry.js';

export const LOGIN_OUTCOMES = ['success', 'mfa_required', 'invalid_credentials', 'invalid_mfa', 'locked_out'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

const logins = new Counter({
  name: 'novapulse_logins_total',
  help: 'Sign-in steps by outcome: success (signed in), mfa_required (password right, a second factor asked for), invalid_credentials, invalid_mfa (bad code or challenge), locked_out (refused during a lockout delay).',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
for (const outcome of LOGIN_OUTCOMES) logins.inc({ outcome }, 0);

export function countLogin(outcome: LoginOutcome) {
  logins.inc({ outcome });
}
