/** How one delivery attempt ended, as recorded on the attempt and fed to the retry policy. */
export interface AttemptResult {
  /** `blocked`: the destination resolved to an address webhooks may not reach. */
  outcome: 'success' | 'http_error' | 'timeout' | 'network' | 'blocked';
  statusCode: number | null;
  /** At most the first 64 KiB of the response body. */
  responseExcerpt: string;
  /** From the receiver's Retry-After header, in seconds or as an HTTP date. */
  retryAfterMs: number | null;
  error: string | null;
  durationMs: number;
}
