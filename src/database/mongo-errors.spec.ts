import { isDuplicateKey, onlyDuplicateKeys } from './mongo-errors.js';

describe('MongoDB duplicate-key errors', () => {
  it('tells E11000 from other errors', () => {
    expect(isDuplicateKey({ code: 11000 })).toBe(true);
    expect(isDuplicateKey({ code: 121 })).toBe(false);
    expect(isDuplicateKey(new Error('boom'))).toBe(false);
    expect(isDuplicateKey(null)).toBe(false);
  });

  it('accepts a bulk insert whose only failures are duplicates, in either shape the driver reports', () => {
    expect(onlyDuplicateKeys({ writeErrors: [{ code: 11000 }, { err: { code: 11000 } }] })).toBe(true);
    expect(onlyDuplicateKeys({ writeErrors: [{ code: 11000 }, { code: 2 }] })).toBe(false);
    expect(onlyDuplicateKeys(new Error('network'))).toBe(false);
  });
});
