import type { Attempt, Page } from './webhook-types.js';

export const DAY_MS = 86_400_000;
/** 5 pages of 100: enough for most endpoints' day; beyond that the rate says it covers the newest attempts only. */
export const MAX_PAGES = 5;
export const PAGE_SIZE = 100;

export interface SuccessRate {
  attempts: number;
  succeeded: number;
  /** succeeded ÷ attempts; null when no attempt was made in the window. */
  rate: number | null;
  /** False when the window held more attempts than were read: the rate covers the newest ones only. */
  complete: boolean;
}

/**
 * No route counts an endpoint's outcomes, so the rate is computed from its attempt log: every attempt
 * made in the last 24 hours (each retry counts), read newest first until one is older than the window.
 */
export async function successRateSince(
  readPage: (cursor: string | null) => Promise<Page<Pick<Attempt, 'outcome' | 'createdAt'>>>,
  now: Date,
  windowMs = DAY_MS,
): Promise<SuccessRate> {
  const since = now.getTime() - windowMs;
  let attempts = 0;
  let succeeded = 0;
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, nextCursor } = await readPage(cursor);
    for (const attempt of items) {
      if (Date.parse(attempt.createdAt) < since) return rateOf(attempts, succeeded, true);
      attempts++;
      if (attempt.outcome === 'success') succeeded++;
    }
    if (nextCursor === null) return rateOf(attempts, succeeded, true);
    cursor = nextCursor;
  }
  return rateOf(attempts, succeeded, false);
}

function rateOf(attempts: number, succeeded: number, complete: boolean): SuccessRate {
  return { attempts, succeeded, rate: attempts === 0 ? null : succeeded / attempts, complete };
}
