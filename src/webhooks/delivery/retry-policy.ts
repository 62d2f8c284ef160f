import type { AttemptResult } from '../outbox/attempt-result.js';

export type Verdict = 'success' | 'retry' | 'give_up' | 'disable';

/** A receiver asking for more time gets it, but a message is never parked longer than this. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** Spreads retries of many messages that failed together, so a recovering receiver is not hit at once. */
const JITTER = 0.2;

/**
 * What to do after an attempt. Transient trouble (network, timeout, 408, 429, 5xx) and redirects,
 * which are usually a misconfiguration the owner fixes within the schedule, are retried. 410 Gone is
 * the receiver saying the endpoint no longer exists. Other 4xx answers mean this request will never be
 * accepted, and a blocked destination will not unblock itself.
 */
export function classify(result: AttemptResult): Verdict {
  switch (result.outcome) {
    case 'success':
      return 'success';
    case 'blocked':
      return 'give_up';
    case 'network':
    case 'timeout':
    case 'error':
      return 'retry';
    case 'http_error':
      return classifyStatus(result.statusCode ?? 0);
  }
}

function classifyStatus(status: number): Verdict {
  if (status === 410) return 'disable';
  if (status === 408 || status === 429) return 'retry';
  if (status >= 400 && status < 500) return 'give_up';
  return 'retry';
}

/**
 * Milliseconds until the next attempt after attempt `attemptNumber` (1-based) failed, or null when the
 * schedule is spent. `scheduleMs[n]` is the delay before attempt n + 1, jittered by ±20 %. A longer
 * Retry-After wins, up to MAX_RETRY_AFTER_MS.
 */
export function nextAttemptDelayMs(
  attemptNumber: number,
  scheduleMs: readonly number[],
  random: () => number,
  retryAfterMs: number | null,
): number | null {
  if (!Number.isInteger(attemptNumber) || attemptNumber < 1)
    throw new RangeError(`attempt numbers start at 1, got ${attemptNumber}`);
  const scheduled = scheduleMs[attemptNumber];
  if (scheduled === undefined) return null;
  const jittered = Math.round(scheduled * (1 + JITTER * (2 * random() - 1)));
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}
