import type { SchemaObject } from '@nestjs/swagger';
import { REPORT_FORMATS, REPORT_STATUSES, REPORT_TYPES } from '../reports/report.schema.js';
import { ATTEMPT_OUTCOMES } from '../webhooks/outbox/attempt-result.js';
import { dateTimeSchema, enumOf, idSchema, nullable, objectOf, pageOf, stringSchema } from './schema-builders.js';

const count: SchemaObject = { type: 'integer', minimum: 0 };

export const reportSchema = objectOf({
  id: idSchema,
  type: enumOf(REPORT_TYPES),
  format: enumOf(REPORT_FORMATS),
  filters: objectOf({
    from: dateTimeSchema,
    to: dateTimeSchema,
    endpointId: nullable(idSchema),
    outcome: nullable(enumOf(ATTEMPT_OUTCOMES)),
  }),
  status: enumOf(REPORT_STATUSES),
  progress: {
    description: 'Source records read so far and their share of all (updated at most once a second)',
    ...objectOf({ recordsRead: count, percent: { type: 'integer', minimum: 0, maximum: 100 } }),
  },
  rows: { ...nullable(count), description: 'Rows in the file, once completed' },
  bytes: nullable(count),
  sha256: { ...nullable(stringSchema), description: 'Of the file; also its ETag' },
  error: nullable(stringSchema),
  createdAt: dateTimeSchema,
  startedAt: nullable(dateTimeSchema),
  finishedAt: nullable(dateTimeSchema),
  expiresAt: {
    ...nullable(dateTimeSchema),
    description: 'When the file is deleted (REPORT_TTL_HOURS after completion)',
  },
});

export const reportPageSchema = pageOf(reportSchema);

export const reportFileSchema: SchemaObject = { type: 'string', format: 'binary' };
