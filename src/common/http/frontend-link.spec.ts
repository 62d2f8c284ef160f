import { describe, expect, it } from '@jest/globals';
import { frontendLink } from './frontend-link.js';

describe('frontendLink', () => {
  it('keeps the path of FRONTEND_URL, with or without its trailing slash', () => {
    expect(frontendLink('https://example.com/portal', '/reset-password')).toBe(
      'https://example.com/portal/reset-password',
    );
    expect(frontendLink('https://example.com/portal/', 'reports/abc')).toBe('https://example.com/portal/reports/abc');
    expect(frontendLink('https://example.com', '/reports/abc')).toBe('https://example.com/reports/abc');
  });

  it('encodes query values', () => {
    expect(frontendLink('https://example.com', '/invitations/accept', { token: 'a+b/c=' })).toBe(
      'https://example.com/invitations/accept?token=a%2Bb%2Fc%3D',
    );
  });
});
