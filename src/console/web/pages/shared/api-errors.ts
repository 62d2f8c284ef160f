import { ApiError } from '../../contract.js';

export interface ErrorText {
  message: string;
  /** One line per offending field, as the API named them. */
  details: string[];
}

/** What a person reads when a call failed: the API's own message, its field details, and what to do next. */
export function describeError(error: unknown): ErrorText {
  if (!(error instanceof ApiError)) {
    const aborted = error instanceof Error && error.name === 'AbortError';
    return {
      message: aborted
        ? 'The request was cancelled.'
        : 'The server could not be reached. Check the connection and try again.',
      details: [],
    };
  }
  const details = (error.body.details ?? []).map((d) => `${d.field}: ${d.problem}`);
  const base = error.body.message ?? `Request failed with status ${error.status}`;
  if (error.status === 429 || error.status === 503) {
    const wait = error.retryAfterSeconds;
    return { message: wait === null ? `${base}. Try again shortly.` : `${base}. Try again in ${wait} s.`, details };
  }
  if (error.status === 403) return { message: `${base} (you lack the role or rights this needs).`, details };
  return { message: base, details };
}

/** Whether a failure just means "not for you": the parts of a page that need a role or operator status. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
