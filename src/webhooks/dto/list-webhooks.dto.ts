import { z } from 'zod';
import { objectIdField } from '../../common/validation/fields.js';

export const listWebhooksQuery = z.strictObject({
  limit: z.coerce
    .number({ error: 'must be a number from 1 to 100' })
    .int({ error: 'must be a number from 1 to 100' })
    .min(1, { error: 'must be a number from 1 to 100' })
    .max(100, { error: 'must be a number from 1 to 100' })
    .default(50),
  cursor: objectIdField.optional(),
});
export type ListWebhooksQuery = z.infer<typeof listWebhooksQuery>;
