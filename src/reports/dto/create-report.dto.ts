import { z } from 'zod';
import { objectIdField } from '../../common/validation/fields.js';
import { ATTEMPT_OUTCOMES } from '../../webhooks/outbox/attempt-result.js';
import { REPORT_FORMATS, REPORT_TYPES } from '../report.schema.js';

const MAX_RANGE_DAYS = 366;
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' });

export const createReportBody = z
  .object({
    type: z.enum(REPORT_TYPES, { error: `must be one of ${REPORT_TYPES.join(', ')}` }),
    format: z.enum(REPORT_FORMATS, { error: `must be one of ${REPORT_FORMATS.join(', ')}` }),
    from: instant,
    to: instant,
    endpointId: objectIdField.optional(),
    outcome: z.enum(ATTEMPT_OUTCOMES, { error: `must be one of ${ATTEMPT_OUTCOMES.join(', ')}` }).optional(),
    notify: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .strict()
  .superRefine((body, context) => {
    const span = Date.parse(body.to) - Date.parse(body.from);
    if (span <= 0) context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    if (span > MAX_RANGE_DAYS * 86_400_000)
      context.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_RANGE_DAYS} days after from` });
    if (body.type === 'audit-log' && (body.endpointId || body.outcome))
      context.addIssue({ code: 'custom', path: ['type'], message: 'audit-log reports take only from and to' });
    if (body.type === 'webhook-summary' && body.outcome)
      context.addIssue({ code: 'custom', path: ['outcome'], message: 'a summary counts every outcome' });
  });
export type CreateReportBody = z.infer<typeof createReportBody>;
