import { describe, expect, it } from '@jest/globals';
import { formatBytes, formatDateTime, formatDuration, formatPercent, statusPill } from './format.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850.4, '850 ms'],
    [1_000, '1 s'],
    [12_300, '12 s'],
    [184_000, '3 min 4 s'],
    [3_600_000, '1 h'],
    [7_500_000, '2 h 5 min'],
    [273_600_000, '3 d 4 h'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('never shows a negative duration (a clock a little ahead of the server)', () => {
    expect(formatDuration(-40)).toBe('0 ms');
  });
});

describe('formatPercent', () => {
  it('keeps one decimal except at the ends', () => {
    expect(formatPercent(0.125)).toBe('12.5 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(0)).toBe('0 %');
  });

  it('shows a dash when there was nothing to count', () => {
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});

describe('formatDateTime', () => {
  it('shows a dash for no date or an unreadable one', () => {
    expect(formatDateTime(null)).toBe('–');
    expect(formatDateTime('not a date')).toBe('–');
  });

  it('writes a real date in the locale', () => {
    expect(formatDateTime('2026-11-30T08:00:00.000Z')).toBe(new Date('2026-11-30T08:00:00.000Z').toLocaleString());
  });
});

describe('formatBytes', () => {
  it.each([
    [null, '–'],
    [512, '512 B'],
    [1_234, '1.2 KB'],
    [7_340_032, '7.3 MB'],
    [2_500_000_000, '2.5 GB'],
  ])('%p bytes reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('statusPill', () => {
  it('shows done, failed and under way apart, and anything else plainly', () => {
    expect(['completed', 'succeeded', 'failed', 'running', 'queued', 'cancelled'].map(statusPill)).toEqual([
      'np-pill np-pill-good',
      'np-pill np-pill-good',
      'np-pill np-pill-bad',
      'np-pill np-pill-busy',
      'np-pill np-pill-busy',
      'np-pill',
    ]);
  });
});
