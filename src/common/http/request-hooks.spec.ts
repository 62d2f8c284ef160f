import { requestIdFor } from './request-hooks.js';

describe('requestIdFor', () => {
  it('keeps a well-formed X-Request-Id', () => {
    expect(requestIdFor({ headers: { 'x-request-id': 'abc-123:retry.2' } })).toBe('abc-123:retry.2');
  });

  it.each([['a'.repeat(129)], ['has space'], ['<script>'], ['']])(
    'replaces the malformed id %j with a UUID',
    (given) => {
      expect(requestIdFor({ headers: { 'x-request-id': given } })).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('makes one when none is given', () => {
    const first = requestIdFor({ headers: {} });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor({ headers: {} })).not.toBe(first);
  });
});
