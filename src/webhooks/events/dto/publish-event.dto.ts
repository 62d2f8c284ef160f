import { z } from 'zod';
import { EVENT_TYPE_PATTERN, isPlatformEventType, PLATFORM_EVENT_TYPES } from '../../endpoints/event-types.js';

const eventType = z
  .string({ error: 'must be an event type such as order.created' })
  .max(100, { error: 'must be at most 100 characters' })
  .regex(EVENT_TYPE_PATTERN, { error: 'must be an event type such as order.created' })
  .refine((type) => !isPlatformEventType(type), {
    error: `is published by NovaPulse itself (${PLATFORM_EVENT_TYPES.join(', ')}); choose another name`,
  });

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
