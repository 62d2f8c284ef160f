export type RateLimitKeyBy = 'principal' | 'ip' | 'ip+email';

export interface RateLimitPolicy {
  /** Names the policy in headers and metrics; keep it short and fixed (it is a metric label). */
  name: string;
  limit: number;
  /** `30s`, `1m`, `1h` or `1d`. */
  window: string;
  /** Whose requests share a bucket. `principal` falls back to the IP for anonymous calls. */
  by: RateLimitKeyBy;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function windowMs(window: string): number {
  const match = /^(\d+)([smhd])$/.exec(window);
  if (!match) throw new Error(`rate limit window "${window}" must look like 30s, 1m, 1h or 1d`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until a request is counted out of the window (draft-ietf-httpapi-ratelimit-headers `t`). */
  resetSeconds: number;
}

/** The IETF draft-11 headers for a decision. */
export function rateLimitHeaders(policy: RateLimitPolicy, decision: RateLimitDecision): Record<string, string> {
  const name = `"${policy.name}"`;
  return {
    'RateLimit-Policy': `${name};q=${policy.limit};w=${Math.round(windowMs(policy.window) / 1000)}`,
    RateLimit: `${name};r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}
