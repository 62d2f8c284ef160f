import { z } from 'zod';
import { objectIdField, pageLimitField } from '../common/validation/fields.js';
import { ATTEMPT_OUTCOMES } from '../webhook-delivery/attempt-result.js';
import { EVENT_TYPE_PATTERN, isPlatformEventType, PLATFORM_EVENT_TYPES } from '../webhooks/event-types.js';

const eventType = z
  .string({ error: 'must be an event type such as order.created' })
  .max(100, { error: 'must be at most 100 characters' })
  .regex(EVENT_TYPE_PATTERN, { error: 'must be an event type such as order.created' })
  .refine((type) => !isPlatformEventType(type), { error: `is published by NovaPulse itself (${PLATFORM_EVENT_TYPES.join(', ')}); choose another name` });

const idempotencyKey = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(255, { error: 'must be at most 255 characters' })
  .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' });

export const publishEventBody = z.strictObject({
  type: eventType,
  payload: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
  idempotencyKey: idempotencyKey.optional(),
});
export type PublishEventBody = z.infer<typeof publishEventBody>;
export const idempotencyKeyHeader = idempotencyKey.optional();


export const attemptLogQuery = z.strictObject({
  limit: pageLimitField,
  cursor: objectIdField.optional(),
  outcome: z.enum(ATTEMPT_OUTCOMES, { error: `must be one of ${ATTEMPT_OUTCOMES.join(', ')}` }).optional(),
});
export type AttemptLogQuery = z.infer<typeof attemptLogQuery>;

export const recoverBody = z.strictObject({
  since: z.iso.datetime({ error: 'must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z' }),
});
export type RecoverBody = z.infer<typeof recoverBody>;
