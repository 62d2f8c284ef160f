/** `blocked`: the destination resolved to an address webhooks may not reach. */
export const ATTEMPT_OUTCOMES = ['success', 'http_error', 'timeout', 'network', 'blocked'] as const;

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
