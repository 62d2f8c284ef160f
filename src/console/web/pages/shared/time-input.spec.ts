import { describe, expect, it } from '@jest/globals';
import { localInputToIso, toLocalInput } from './time-input.js';

describe('datetime-local values', () => {
  it('reads a wall-clock time in the local zone as an ISO instant', () => {
    expect(localInputToIso('2026-11-30T08:15')).toBe(new Date(2026, 10, 30, 8, 15).toISOString());
  });

  it('refuses what is not a datetime-local value', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('yesterday')).toBeNull();
    expect(localInputToIso('2026-11-30')).toBeNull();
    expect(localInputToIso('2026-13-45T99:99')).toBeNull();
  });

  it('writes an instant back as the same wall-clock time', () => {
    const date = new Date(2026, 0, 5, 7, 3, 59);
    expect(toLocalInput(date)).toBe('2026-01-05T07:03');
    expect(localInputToIso(toLocalInput(date))).toBe(new Date(2026, 0, 5, 7, 3).toISOString());
  });
});
