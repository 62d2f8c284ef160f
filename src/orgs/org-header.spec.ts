import type { BadRequestException } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { requestedOrgId } from './org-header.js';

const user: Principal = { kind: 'user', userId: 'u', sessionId: 's' };
const key: Principal = { kind: 'apiKey', keyId: 'k', orgId: '0123456789abcdef01234567', scopes: ['webhooks:read'] };
const other = '89abcdef0123456789ABCDEF';

const details = (principal: Principal, header: string | string[] | undefined) => {
  try {
    requestedOrgId(principal, header);
  } catch (error) {
    return ((error as BadRequestException).getResponse() as { details: unknown }).details;
  }
  return null;
};

describe('the organization a webhooks request acts in', () => {
  it("is the header's, lower-cased", () => {
    expect(requestedOrgId(user, other)).toBe(other.toLowerCase());
    expect(requestedOrgId(key, other)).toBe(other.toLowerCase());
  });

  it("is an API key's own when it sends no header", () => {
    expect(requestedOrgId(key, undefined)).toBe(key.orgId);
    expect(requestedOrgId(key, '')).toBe(key.orgId);
  });

  it('needs the header from a user, and a well-formed one from anyone', () => {
    expect(details(user, undefined)).toEqual([{ field: 'X-Org-Id', problem: 'is required' }]);
    expect(details(user, 'acme')).toEqual([{ field: 'X-Org-Id', problem: 'must be one 24-character hexadecimal id' }]);
    expect(details(key, [other, other])).toEqual([
      { field: 'X-Org-Id', problem: 'must be one 24-character hexadecimal id' },
    ]);
    expect(details(user, `${other}, ${other}`)).toEqual([
      { field: 'X-Org-Id', problem: 'must be one 24-character hexadecimal id' },
    ]);
  });
});
