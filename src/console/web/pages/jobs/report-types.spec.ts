import { describe, expect, it } from '@jest/globals';
import { isLive, type Report, reportFileName } from './report-types.js';

describe('reportFileName', () => {
  const report = { id: 'abc', type: 'audit-log', format: 'ndjson' } as const;

  it("takes the server's file name", () => {
    expect(reportFileName(report, 'attachment; filename="webhook-summary-abc.csv"')).toBe('webhook-summary-abc.csv');
  });

  it('makes one of the same form without the header', () => {
    expect(reportFileName(report, null)).toBe('audit-log-abc.ndjson');
  });
});

describe('isLive', () => {
  it('is true while queued or running only', () => {
    const of = (status: Report['status']) => isLive({ status } as Report);
    expect(
      ['queued', 'running', 'completed', 'failed', 'cancelled', 'expired'].map((s) => of(s as Report['status'])),
    ).toEqual([true, true, false, false, false, false]);
  });
});
