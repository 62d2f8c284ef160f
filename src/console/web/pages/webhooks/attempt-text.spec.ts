import { describe, expect, it } from '@jest/globals';
import { attemptSummary } from './attempt-text.js';

describe('attemptSummary', () => {
  it('says what happened, the HTTP status and how long it took', () => {
    expect(attemptSummary({ outcome: 'success', statusCode: 200, durationMs: 35, error: null })).toBe(
      'Delivered: HTTP 200 in 35 ms',
    );
    expect(attemptSummary({ outcome: 'http_error', statusCode: 503, durationMs: 1_200, error: 'HTTP 503' })).toBe(
      'HTTP error: HTTP 503 in 1 s: HTTP 503',
    );
  });

  it('has no status when no answer came', () => {
    expect(
      attemptSummary({ outcome: 'timeout', statusCode: null, durationMs: 15_000, error: 'no answer within 15000 ms' }),
    ).toBe('Timed out after 15 s: no answer within 15000 ms');
  });
});
