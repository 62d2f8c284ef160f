/**
 * `blocked`: the destination resolved to an address webhooks may not reach. `error`: the attempt failed
 * on NovaPulse's side before anything was sent (a secret that does not open, the store not answering).
 */
export const ATTEMPT_OUTCOMES = ['success', 'http_error', 'timeout', 'network', 'blocked', 'error'] as const;

/** How one delivery attempt ended, as recorded on the attempt and fed to the retry policy. */
export interface AttemptResult {
  outcome: (typeof ATTEMPT_OUTCOMES)[number];
  statusCode: number | null;
  /** At most the first 64 KiB of the response body. */
  responseExcerpt: string;
  /** From the receiver's Retry-After header, in seconds or as an HTTP date. */
  retryAfterMs: number | null;
  error: string | null;
  durationMs: number;
}
