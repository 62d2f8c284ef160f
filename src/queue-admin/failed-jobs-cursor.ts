import { z } from 'zod';

/**
 * Where a page of a queue's failed set ended: the last job's score (when it failed, in ms) and its id.
 * Redis orders the set by score, then by id, so the next page starts strictly after this pair; a job
 * that fails meanwhile gets a newer score and lands before the first page, never inside the walk.
 */
export interface FailedJobsCursor {
  failedAtMs: number;
  jobId: string;
}

const PROBLEM = 'must be a cursor from a previous page';
const DECODED = /^(\d{1,15}):(.+)$/s;

export function encodeFailedJobsCursor(cursor: FailedJobsCursor): string {
  return Buffer.from(`${cursor.failedAtMs}:${cursor.jobId}`).toString('base64url');
}

/** `?cursor=` of the failed-jobs list: opaque base64url, decoded here so a bad one is a 400 on `cursor`. */
export const failedJobsCursorField = z
  .string({ error: PROBLEM })
  .regex(/^[A-Za-z0-9_-]{1,700}$/, { error: PROBLEM })
  .describe('The `nextCursor` of the previous page (opaque)')
  .transform((value, context): FailedJobsCursor => {
    const match = DECODED.exec(Buffer.from(value, 'base64url').toString());
    if (!match) {
      context.issues.push({ code: 'custom', message: PROBLEM, input: value });
      return z.NEVER;
    }
    return { failedAtMs: Number(match[1]), jobId: match[2]! };
  });
