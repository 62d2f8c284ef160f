import type { SchemaObject } from '@nestjs/swagger';
import { JOB_STATES } from '../queue-admin/queue-stats.service.js';
import { JOB_END_WINDOWS_MINUTES } from '../queues/job-ends.js';
import { booleanSchema, dateTimeSchema, enumOf, nullable, objectOf, pageOf, stringSchema } from './schema-builders.js';

const integer: SchemaObject = { type: 'integer', minimum: 0 };
const ratio: SchemaObject = { type: 'number', minimum: 0, maximum: 1 };

const windowSchema = objectOf({ completed: integer, failed: integer, failureRate: ratio });

const queueStatsEntry: SchemaObject = {
  description:
    'Either the statistics (`available: true`) or why they are missing (`available: false`, `reason`) when ' +
    'Redis did not answer within 1 s.',
  ...objectOf(
    {
      available: booleanSchema,
      reason: stringSchema,
      counts: objectOf(Object.fromEntries([...JOB_STATES, 'paused'].map((state) => [state, integer]))),
      paused: booleanSchema,
      workers: integer,
      oldestWaitingAgeMs: nullable(integer),
      ended: {
        description: 'Job runs that completed or failed in the last 1, 5, 15 and 60 minutes, counted by the workers',
        ...objectOf(Object.fromEntries(JOB_END_WINDOWS_MINUTES.map((m) => [`last${m}m`, windowSchema]))),
      },
    },
    ['reason', 'counts', 'paused', 'workers', 'oldestWaitingAgeMs', 'ended'],
  ),
};

export const queueStatsSchema = objectOf({
  generatedAt: dateTimeSchema,
  queues: { type: 'object', additionalProperties: queueStatsEntry },
});

export const failedJobsSchema = pageOf(
  objectOf({
    id: stringSchema,
    name: stringSchema,
    failedReason: stringSchema,
    attemptsMade: integer,
    failedAt: nullable(dateTimeSchema),
  }),
  stringSchema,
);

export const retriedJobSchema = objectOf({ id: stringSchema, state: enumOf(['waiting']) });
