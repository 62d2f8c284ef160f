import { z } from 'zod';
import { objectIdField, pageLimitField } from '../../common/validation/fields.js';

export const auditLogQuery = z.strictObject({
  limit: pageLimitField,
  cursor: objectIdField.optional(),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;
