/** The outcome of checking a second factor: which kind passed, or why it did not. */
export type MfaVerification =
  { ok: true; method: 'totp' | 'recovery' } | { ok: false; reason: 'invalid' | 'replayed' | 'not_enabled' };
