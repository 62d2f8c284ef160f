import { z } from 'zod';
import { pageLimitField } from '../../common/validation/fields.js';
import { QUEUE_NAMES } from '../../config/env.schema.js';

export const queueNameField = z.enum(QUEUE_NAMES, { error: `must be one of ${QUEUE_NAMES.join(', ')}` });

/** Job ids as NovaPulse makes them: BullMQ's counter, `email-<id>`, `<messageId>-<attempt>`, `report-<id>`. */
export const jobIdField = z
  .string({ error: 'must be a job id' })
  .regex(/^(\d{1,20}|([a-z]+-)?[0-9a-f]{24}(-\d{1,6})?)$/, { error: 'must be a job id' });

/** The offset into the failed set, newest first (BullMQ keeps it sorted by when each job failed). */
export const failedJobsQuery = z
  .object({
    cursor: z
      .string({ error: 'must be a cursor from a previous page' })
      .regex(/^\d{1,9}$/, { error: 'must be a cursor from a previous page' })
      .transform(Number)
      .optional(),
    limit: pageLimitField,
  })
  .strict();
export type FailedJobsQuery = z.infer<typeof failedJobsQuery>;
