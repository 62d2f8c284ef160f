import type { SchemaObject } from '@nestjs/swagger';
import {
  dateTimeSchema,
  enumOf,
  idSchema,
  nullable,
  objectOf,
  pageOf,
  stringSchema,
} from '../../openapi/schema-builders.js';
import { ATTEMPT_OUTCOMES } from '../outbox/attempt-result.js';

const integer: SchemaObject = { type: 'integer' };

export const attemptSchema = objectOf({
  id: idSchema,
  messageId: idSchema,
  attempt: integer,
  outcome: enumOf(ATTEMPT_OUTCOMES),
  statusCode: nullable(integer),
  responseExcerpt: { ...stringSchema, description: 'The first 64 KiB of the response body' },
  error: nullable(stringSchema),
  durationMs: integer,
  requestHeaders: {
    type: 'object',
    additionalProperties: stringSchema,
    description: 'As sent, signature included; never the secret',
  },
  nextAttemptAt: nullable(dateTimeSchema),
  createdAt: dateTimeSchema,
});

export const attemptPageSchema = pageOf(attemptSchema);
export const recoveredSchema = objectOf({ requeued: integer });
export const retriedSchema = objectOf({ messageId: idSchema, requeued: { type: 'boolean' } });
