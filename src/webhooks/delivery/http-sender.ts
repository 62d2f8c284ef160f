import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { type Dispatcher, request } from 'undici';
import { type Clock, systemClock } from '../../common/clock.js';
import type { AttemptResult } from '../outbox/attempt-result.js';
import { parseRetryAfter } from './retry-after.js';
import { BlockedDestinationError } from './safe-agent.js';

/** Enough to show a receiver's error page; a receiver cannot make us buffer more. */
export const RESPONSE_EXCERPT_BYTES = 64 * 1024;

export interface WebhookRequest {
  url: string | URL;
  headers: Record<string, string>;
  body: string;
  /** The whole attempt, from connecting to the last byte read, stays within this. */
  timeoutMs: number;
  /** Normally the agent from `createSafeAgent`, which refuses blocked addresses at connect time. */
  agent: Dispatcher;
  /** Aborting it rejects with its reason: a cancelled attempt is not the receiver's failure. */
  signal?: AbortSignal;
  /** Reads an HTTP-date Retry-After against this clock. */
  clock?: Clock;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * POSTs one webhook and reports how it went; it never throws for anything the receiver or the network
 * does. Redirects are not followed (undici 7 follows them only through a redirect interceptor, which
 * this dispatcher does not have): a 3xx is a non-2xx answer like any other, and following it could
 * lead past the address checks.
 */
export async function sendWebhook(attempt: WebhookRequest): Promise<AttemptResult> {
  const { timeoutMs, clock = systemClock } = attempt;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = attempt.signal ? AbortSignal.any([attempt.signal, deadline]) : deadline;

  let response: Dispatcher.ResponseData;
  try {
    response = await request(attempt.url, {
      method: 'POST',
      headers: attempt.headers,
      body: attempt.body,
      dispatcher: attempt.agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal,
    });
  } catch (error) {
    if (attempt.signal?.aborted) throw attempt.signal.reason;
    return {
      ...failure(error, deadline.aborted, timeoutMs),
      statusCode: null,
      responseExcerpt: '',
      retryAfterMs: null,
      durationMs: elapsed(),
    };
  }

  const { statusCode } = response;
  const responseExcerpt = await readExcerpt(response.body);
  return {
    outcome: statusCode >= 200 && statusCode < 300 ? 'success' : 'http_error',
    statusCode,
    responseExcerpt,
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], clock.now()),
    error: null,
    durationMs: elapsed(),
  };
}

function failure(error: unknown, pastDeadline: boolean, timeoutMs: number): Pick<AttemptResult, 'outcome' | 'error'> {
  if (causes(error).some((cause) => cause instanceof BlockedDestinationError)) {
    return { outcome: 'blocked', error: describe(error) };
  }
  if (pastDeadline) return { outcome: 'timeout', error: `no response within ${timeoutMs} ms` };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return { outcome: 'timeout', error: describe(error) };
  return { outcome: 'network', error: describe(error) };
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current instanceof Error && chain.length < 5; current = current.cause) chain.push(current);
  return chain;
}

/** Connection failures with several addresses arrive as an AggregateError whose own message is empty. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * The first RESPONSE_EXCERPT_BYTES of the body as UTF-8, without a character cut in half. The status
 * already decided the outcome, so a body that breaks off or stalls only shortens the excerpt.
 */
async function readExcerpt(body: Readable): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let excerpt = '';
  let remaining = RESPONSE_EXCERPT_BYTES;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      excerpt += decoder.write(chunk.subarray(0, remaining));
      remaining -= Math.min(chunk.length, remaining);
      if (remaining === 0) break;
    }
  } catch {
    // Keep what arrived.
  } finally {
    body.destroy();
  }
  return excerpt;
}
