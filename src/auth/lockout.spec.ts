import { lockoutDelayMs } from './lockout.js';

const policy = { threshold: 5, baseDelayMs: 1_000, maxDelayMs: 900_000 };

describe('lockoutDelayMs', () => {
  it('lets failures below the threshold through without delay', () => {
    expect([0, 1, 4].map((n) => lockoutDelayMs(n, policy))).toEqual([0, 0, 0]);
  });

  it('doubles the delay with each failure past the threshold', () => {
    expect([5, 6, 7, 8].map((n) => lockoutDelayMs(n, policy))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never delays longer than the maximum, however many failures', () => {
    expect(lockoutDelayMs(25, policy)).toBe(900_000);
    expect(lockoutDelayMs(10_000, policy)).toBe(900_000);
  });
});
