import { formatDuration } from '../shared/format.js';
import type { Attempt, AttemptOutcome } from './webhook-types.js';

export const OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  success: 'Delivered',
  http_error: 'HTTP error',
  timeout: 'Timed out',
  network: 'Network error',
  blocked: 'Blocked address',
  error: 'Not sent',
};

/** One line for an attempt: `Delivered: HTTP 200 in 35 ms`, `Timed out after 15 s: <error>`. */
export function attemptSummary(attempt: Pick<Attempt, 'outcome' | 'statusCode' | 'durationMs' | 'error'>): string {
  const status = attempt.statusCode === null ? '' : ` HTTP ${attempt.statusCode}`;
  const took = `${attempt.outcome === 'timeout' ? 'after' : 'in'} ${formatDuration(attempt.durationMs)}`;
  const why = attempt.error && attempt.outcome !== 'success' ? `: ${attempt.error}` : '';
  return `${OUTCOME_LABELS[attempt.outcome]}${status ? `:${status}` : ''} ${took}${why}`;
}
