import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../contract.js';
import { isForbidden } from './api-errors.js';

describe('isForbidden', () => {
  it('is true for a 403 answer only', () => {
    expect(isForbidden(new ApiError(403, { message: 'Forbidden' }, null))).toBe(true);
    expect(isForbidden(new ApiError(404, {}, null))).toBe(false);
    expect(isForbidden(new TypeError('Failed to fetch'))).toBe(false);
  });
});
