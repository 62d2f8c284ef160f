import { ApiError } from '../../contract.js';

/** Whether a failure just means "not for you": the parts of a page that need a role or operator status. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
