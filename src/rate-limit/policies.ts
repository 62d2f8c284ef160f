import type { RateLimitPolicy } from './rate-limit-policy.js';

/** The stricter limits for routes worth guessing at; every other route gets the configured default. */
export const POLICIES = {
  login: { name: 'login', limit: 5, window: '1m', by: 'ip+email' },
  loginMfa: { name: 'login-mfa', limit: 5, window: '1m', by: 'ip' },
  register: { name: 'register', limit: 3, window: '1h', by: 'ip' },
  refresh: { name: 'refresh', limit: 30, window: '1m', by: 'ip' },
  passwordReset: { name: 'password-reset', limit: 5, window: '1h', by: 'ip+email' },
  passwordResetConfirm: { name: 'password-reset-confirm', limit: 5, window: '1h', by: 'ip' },
  /** A stolen access token must not brute-force the current password. */
  passwordChange: { name: 'password-change', limit: 5, window: '1m', by: 'principal' },
  invitations: { name: 'invitations', limit: 10, window: '1m', by: 'principal' },
  invitationAccept: { name: 'invitation-accept', limit: 10, window: '1m', by: 'ip' },
  /** Password re-checks and code guesses by a signed-in user (a stolen access token must not brute-force them). */
  mfa: { name: 'mfa', limit: 5, window: '1m', by: 'principal' },
} as const satisfies Record<string, RateLimitPolicy>;
