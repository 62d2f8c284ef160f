import { z } from 'zod';
import { objectIdField, pageLimitField } from '../../common/validation/fields.js';

export const listReportsQuery = z.strictObject({
  limit: pageLimitField,
  cursor: objectIdField.optional(),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;
