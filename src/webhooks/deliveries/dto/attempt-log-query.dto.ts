import { z } from 'zod';
import { objectIdField, pageLimitField } from '../../../common/validation/fields.js';
import { ATTEMPT_OUTCOMES } from '../../outbox/attempt-result.js';

export const attemptLogQuery = z.strictObject({
  limit: pageLimitField,
  cursor: objectIdField.optional(),
  outcome: z.enum(ATTEMPT_OUTCOMES, { error: `must be one of ${ATTEMPT_OUTCOMES.join(', ')}` }).optional(),
});
export type AttemptLogQuery = z.infer<typeof attemptLogQuery>;
