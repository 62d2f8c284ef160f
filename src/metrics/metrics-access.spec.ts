import { metricsAccessAllowed } from './metrics-access.js';

describe('metricsAccessAllowed', () => {
  const token = 'scrape-token-0123456789';

  it('lets every scrape through when no token is configured', () => {
    expect(metricsAccessAllowed(undefined, undefined)).toBe(true);
  });

  it('wants exactly the configured bearer token when one is', () => {
    expect(metricsAccessAllowed(token, `Bearer ${token}`)).toBe(true);
    expect(metricsAccessAllowed(token, `bearer ${token}`)).toBe(true);
    expect(metricsAccessAllowed(token, undefined)).toBe(false);
    expect(metricsAccessAllowed(token, 'Bearer')).toBe(false);
    expect(metricsAccessAllowed(token, `Bearer ${token}x`)).toBe(false);
    expect(metricsAccessAllowed(token, `Basic ${token}`)).toBe(false);
    expect(metricsAccessAllowed(token, [`Bearer ${token}`, `Bearer ${token}`])).toBe(false);
  });
});
