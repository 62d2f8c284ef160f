import { describe, expect, it } from '@jest/globals';
import { MAX_PAGES, successRateSince } from './delivery-stats.js';
import type { AttemptOutcome } from './webhook-types.js';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const attempt = (outcome: AttemptOutcome, hours: number) => ({ outcome, createdAt: hoursAgo(hours) });

/** Serves `pages` in order and records the cursors it was asked with. */
function pagesOf(pages: ReturnType<typeof attempt>[][]) {
  const cursors: (string | null)[] = [];
  const read = async (cursor: string | null) => {
    cursors.push(cursor);
    const index = cursors.length - 1;
    return { items: pages[index]!, nextCursor: index + 1 < pages.length ? `c${index + 1}` : null };
  };
  return { cursors, read };
}

describe('successRateSince', () => {
  it('counts the attempts of the last 24 hours and stops at the first older one', async () => {
    const { cursors, read } = pagesOf([
      [attempt('success', 1), attempt('http_error', 2), attempt('success', 3)],
      [attempt('timeout', 23), attempt('success', 25), attempt('success', 30)],
      [attempt('success', 40)],
    ]);
    expect(await successRateSince(read, NOW)).toEqual({ attempts: 4, succeeded: 2, rate: 0.5, complete: true });
    expect(cursors).toEqual([null, 'c1']);
  });

  it('has no rate when nothing was attempted', async () => {
    const { read } = pagesOf([[attempt('success', 26)]]);
    expect(await successRateSince(read, NOW)).toEqual({ attempts: 0, succeeded: 0, rate: null, complete: true });
  });

  it('reads at most a bounded number of pages and says the rate is partial', async () => {
    const busy = Array.from({ length: MAX_PAGES + 2 }, () => [attempt('success', 1), attempt('network', 1)]);
    const { cursors, read } = pagesOf(busy);
    expect(await successRateSince(read, NOW)).toEqual({
      attempts: 2 * MAX_PAGES,
      succeeded: MAX_PAGES,
      rate: 0.5,
      complete: false,
    });
    expect(cursors).toHaveLength(MAX_PAGES);
  });
});
