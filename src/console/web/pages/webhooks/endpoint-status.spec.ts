import { describe, expect, it } from '@jest/globals';
import { formatDateTime } from '../shared/format.js';
import { endpointStatus } from './endpoint-status.js';

const SINCE = '2026-11-30T06:00:00.000Z';

describe('endpointStatus', () => {
  it('reads enabled when deliveries succeed', () => {
    expect(endpointStatus({ enabled: true, disabledReason: null, failingSince: null })).toEqual({
      tone: 'good',
      label: 'Enabled',
      detail: null,
    });
  });

  it('warns about an enabled endpoint that has been failing, and says since when', () => {
    expect(endpointStatus({ enabled: true, disabledReason: null, failingSince: SINCE })).toEqual({
      tone: 'warn',
      label: 'Failing',
      detail: `Failing since ${formatDateTime(SINCE)}.`,
    });
  });

  it('gives the reason a disabled endpoint was disabled for', () => {
    expect(endpointStatus({ enabled: false, disabledReason: 'manual', failingSince: null }).detail).toBe(
      'Disabled by a person in the organization.',
    );
    expect(endpointStatus({ enabled: false, disabledReason: 'gone', failingSince: null }).detail).toMatch(/410 Gone/);
    expect(endpointStatus({ enabled: false, disabledReason: 'failing', failingSince: SINCE })).toEqual({
      tone: 'off',
      label: 'Disabled',
      detail: `Disabled by NovaPulse: deliveries kept failing. Failing since ${formatDateTime(SINCE)}.`,
    });
  });
});
