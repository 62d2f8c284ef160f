import { encodeFailedJobsCursor, failedJobsCursorField } from './failed-jobs-cursor.js';

describe('failed-jobs cursor', () => {
  it('decodes what it encoded', () => {
    const cursor = { failedAtMs: 1_796_000_000_123, jobId: 'report-0123456789abcdef01234567' };
    const encoded = encodeFailedJobsCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(failedJobsCursorField.parse(encoded)).toEqual(cursor);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['an offset, as pages once used', '50'],
    ['no score', Buffer.from(':42').toString('base64url')],
    ['no job id', Buffer.from('1796000000123:').toString('base64url')],
    ['a score that is not a number', Buffer.from('soon:42').toString('base64url')],
  ])('refuses %s', (_, value) => {
    const parsed = failedJobsCursorField.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(['must be a cursor from a previous page']);
  });
});
