import type { SchemaObject } from '@nestjs/swagger';
import { enumOf, objectOf, stringSchema } from './schema-builders.js';

const checksSchema: SchemaObject = {
  type: 'object',
  description: 'By check name (mongo, redis, memory_heap, memory_rss, outbox, shutdown; the worker adds processors)',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: enumOf(['up', 'down']) },
    additionalProperties: true,
  },
};

/** Terminus' health check result; a failed readiness check also names what is down. */
export const healthSchema = objectOf(
  {
    status: enumOf(['ok', 'error', 'shutting_down']),
    info: checksSchema,
    error: checksSchema,
    details: checksSchema,
    message: { ...stringSchema, example: 'unavailable: redis' },
  },
  ['info', 'error', 'message'],
);
