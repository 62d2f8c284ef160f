import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether a scrape may read the metrics: always when no token is configured, otherwise only with
 * `Authorization: Bearer <token>` (compared in constant time).
 */
export function metricsAccessAllowed(token: string | undefined, authorization: string | string[] | undefined): boolean {
  if (!token) return true;
  if (typeof authorization !== 'string') return false;
  const match = /^Bearer (\S+)$/i.exec(authorization.trim());
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

export const METRICS_UNAUTHORIZED = 'Metrics require "Authorization: Bearer <token>" with the configured metrics token';
