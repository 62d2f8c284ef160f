import { z } from 'zod';
import { objectIdField, pageLimitField } from '../../../common/validation/fields.js';

export const listWebhooksQuery = z.strictObject({
  limit: pageLimitField,
  cursor: objectIdField.optional(),
});
export type ListWebhooksQuery = z.infer<typeof listWebhooksQuery>;
