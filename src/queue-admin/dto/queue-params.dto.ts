import { z } from 'zod';
import { pageLimitField } from '../../common/validation/fields.js';
import { QUEUE_NAMES } from '../../config/env.schema.js';
import { failedJobsCursorField } from '../failed-jobs-cursor.js';

export const queueNameField = z.enum(QUEUE_NAMES, { error: `must be one of ${QUEUE_NAMES.join(', ')}` });

/** Job ids as NovaPulse makes them: BullMQ's counter, `email-<id>`, `<messageId>-<attempt>`, `report-<id>`. */
export const jobIdField = z
  .string({ error: 'must be a job id' })
  .regex(/^(\d{1,20}|([a-z]+-)?[0-9a-f]{24}(-\d{1,6})?)$/, { error: 'must be a job id' });

/** Pages of the failed set, most recently failed first; `cursor` is the previous page's `nextCursor`. */
export const failedJobsQuery = z
  .object({
    cursor: failedJobsCursorField.optional(),
    limit: pageLimitField,
  })
  .strict();
export type FailedJobsQuery = z.infer<typeof failedJobsQuery>;
