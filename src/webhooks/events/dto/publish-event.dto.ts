import { z } from 'zod';
import { nestsDeeperThan } from '../../../common/validation/json-depth.js';
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

/** Deep enough for any real document; every later step (store, sign, send) serializes it recursively. */
export const MAX_PAYLOAD_DEPTH = 64;
/** As JSON: it is stored once per event and sent once per endpoint and attempt. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** The depth is measured first and without recursion: only a payload within it is serialized to be measured. */
const payload = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
  .superRefine((value, ctx) => {
    if (nestsDeeperThan(value, MAX_PAYLOAD_DEPTH)) {
      ctx.addIssue({ code: 'custom', message: `must nest at most ${MAX_PAYLOAD_DEPTH} levels deep` });
    } else if (Buffer.byteLength(JSON.stringify(value)) > MAX_PAYLOAD_BYTES) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_PAYLOAD_BYTES / 1024} KiB as JSON` });
    }
  })
  .meta({
    description: `Any JSON object, at most ${MAX_PAYLOAD_DEPTH} levels deep and ${MAX_PAYLOAD_BYTES / 1024} KiB as JSON`,
  });

export const publishEventBody = z.strictObject({
  type: eventType,
  payload,
  idempotencyKey: idempotencyKey.optional(),
});
export type PublishEventBody = z.infer<typeof publishEventBody>;
export const idempotencyKeyHeader = idempotencyKey.optional();
