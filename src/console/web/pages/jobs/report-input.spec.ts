import { describe, expect, it } from '@jest/globals';
import { reportBody } from './report-input.js';

const base = { type: 'webhook-summary', format: 'csv' } as const;

describe('reportBody', () => {
  it('turns the local times into ISO instants', () => {
    expect(reportBody({ ...base, from: '2026-11-01T00:00', to: '2026-11-30T12:30' })).toEqual({
      body: {
        ...base,
        from: new Date(2026, 10, 1, 0, 0).toISOString(),
        to: new Date(2026, 10, 30, 12, 30).toISOString(),
      },
    });
  });

  it('asks for both ends of the range', () => {
    expect(reportBody({ ...base, from: '', to: 'soon' })).toEqual({
      errors: { from: 'Pick the start date and time.', to: 'Pick the end date and time.' },
    });
  });

  it('wants the end after the start and at most 366 days later', () => {
    expect(reportBody({ ...base, from: '2026-11-02T00:00', to: '2026-11-01T00:00' })).toEqual({
      errors: { to: 'Must be after the start.' },
    });
    expect(reportBody({ ...base, from: '2025-01-01T00:00', to: '2026-11-01T00:00' })).toEqual({
      errors: { to: 'At most 366 days after the start.' },
    });
  });
});
