import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../contract.js';
import { describeError, isForbidden } from './api-errors.js';

describe('describeError', () => {
  it("uses the API's message and names each offending field", () => {
    const error = new ApiError(
      400,
      { statusCode: 400, message: 'Invalid request', details: [{ field: 'url', problem: 'must be a URL' }] },
      null,
    );
    expect(describeError(error)).toEqual({ message: 'Invalid request', details: ['url: must be a URL'] });
  });

  it('says how long to wait when the API said so', () => {
    expect(describeError(new ApiError(429, { message: 'Too many requests' }, 12)).message).toBe(
      'Too many requests. Try again in 12 s.',
    );
    expect(describeError(new ApiError(503, { message: 'Unavailable' }, null)).message).toBe(
      'Unavailable. Try again shortly.',
    );
  });

  it('explains a 403 as a missing role', () => {
    const error = new ApiError(403, { message: 'Forbidden' }, null);
    expect(describeError(error).message).toMatch(/role/);
    expect(isForbidden(error)).toBe(true);
    expect(isForbidden(new ApiError(404, {}, null))).toBe(false);
  });

  it('tells a network failure from an answer', () => {
    expect(describeError(new TypeError('Failed to fetch')).message).toMatch(/could not be reached/);
  });
});
