import { parseRetryAfter } from './retry-after.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['120', 120_000],
    [' 0 ', 0],
    [['30', '60'], 30_000],
    ['Sun, 01 Mar 2026 12:05:00 GMT', 300_000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['soon', null],
    ['-5', null],
  ] as [string | string[] | undefined, number | null][])('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
