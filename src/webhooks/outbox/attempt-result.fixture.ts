import type { AttemptResult } from './attempt-result.js';

/** An attempt's result for unit tests: only the outcome and status matter to the code under test. */
export const attemptResult = (outcome: AttemptResult['outcome'], statusCode: number | null = null): AttemptResult => ({
  outcome,
  statusCode,
  responseExcerpt: '',
  retryAfterMs: null,
  error: null,
  durationMs: 1,
});
