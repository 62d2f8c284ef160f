import { attemptResult } from '../outbox/attempt-result.fixture.js';
import { classify, MAX_RETRY_AFTER_MS, nextAttemptDelayMs } from './retry-policy.js';

const result = attemptResult;

describe('classify', () => {
  it.each([
    [result('success', 200), 'success'],
    [result('success', 204), 'success'],
    [result('network'), 'retry'],
    [result('timeout'), 'retry'],
    [result('blocked'), 'give_up'],
    [result('http_error', 500), 'retry'],
    [result('http_error', 502), 'retry'],
    [result('http_error', 503), 'retry'],
    [result('http_error', 599), 'retry'],
    [result('http_error', 408), 'retry'],
    [result('http_error', 429), 'retry'],
    [result('http_error', 302), 'retry'],
    [result('http_error', 410), 'disable'],
    [result('http_error', 400), 'give_up'],
    [result('http_error', 401), 'give_up'],
    [result('http_error', 403), 'give_up'],
    [result('http_error', 404), 'give_up'],
    [result('http_error', 413), 'give_up'],
    [result('http_error', 422), 'give_up'],
  ])('%o → %s', (attempt, verdict) => {
    expect(classify(attempt)).toBe(verdict);
  });
});

describe('nextAttemptDelayMs', () => {
  const m = 60_000;
  const h = 60 * m;
  const schedule = [0, 5_000, 5 * m, 30 * m, 2 * h, 5 * h, 10 * h, 14 * h, 20 * h, 24 * h];
  const middle = () => 0.5;

  it('follows the schedule exactly when the jitter lands in the middle', () => {
    const delays = Array.from({ length: 9 }, (_, i) => nextAttemptDelayMs(i + 1, schedule, middle, null));
    expect(delays).toEqual(schedule.slice(1));
  });

  it('jitters by at most 20 % either way', () => {
    expect(nextAttemptDelayMs(2, schedule, () => 0, null)).toBe(4 * m);
    expect(nextAttemptDelayMs(2, schedule, () => 0.999_999, null)).toBeCloseTo(6 * m, -1);
    for (let i = 0; i < 1_000; i++) {
      const delay = nextAttemptDelayMs(3, schedule, Math.random, null) as number;
      expect(delay).toBeGreaterThanOrEqual(24 * m);
      expect(delay).toBeLessThanOrEqual(36 * m);
    }
  });

  it('returns null once the schedule is spent', () => {
    expect(nextAttemptDelayMs(10, schedule, middle, null)).toBeNull();
    expect(nextAttemptDelayMs(11, schedule, middle, 5_000)).toBeNull();
    expect(nextAttemptDelayMs(1, [0], middle, null)).toBeNull();
  });

  it('honours a Retry-After longer than the scheduled delay', () => {
    expect(nextAttemptDelayMs(1, schedule, middle, 90_000)).toBe(90_000);
  });

  it('keeps the scheduled delay when the Retry-After is shorter', () => {
    expect(nextAttemptDelayMs(3, schedule, middle, 10_000)).toBe(30 * m);
  });

  it('caps a Retry-After at 24 hours', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(24 * h);
    expect(nextAttemptDelayMs(1, schedule, middle, 7 * 24 * h)).toBe(24 * h);
  });

  it('refuses attempt numbers below 1', () => {
    expect(() => nextAttemptDelayMs(0, schedule, middle, null)).toThrow(RangeError);
  });
});
