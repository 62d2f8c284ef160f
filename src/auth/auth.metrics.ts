import { labelledCounter } from '../metrics/registry.js';

const LOGIN_OUTCOMES = ['success', 'mfa_required', 'invalid_credentials', 'invalid_mfa', 'locked_out'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

const logins = labelledCounter({
  name: 'novapulse_logins_total',
  help: 'Sign-in steps by outcome: success (signed in), mfa_required (password right, a second factor asked for), invalid_credentials, invalid_mfa (bad code or challenge), locked_out (refused during a lockout delay).',
  label: 'outcome',
  values: LOGIN_OUTCOMES,
});

export function countLogin(outcome: LoginOutcome) {
  logins.inc({ outcome });
}
