import type { SchemaObject } from '@nestjs/swagger';
import {
  arrayOf,
  booleanSchema,
  dateTimeSchema,
  enumOf,
  idSchema,
  nullable,
  objectOf,
  pageOf,
  stringSchema,
} from '../openapi/schema-builders.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { stepField, triggerField } from './dto/workflow-definition.dto.js';
import { RUN_STATUSES, STEP_STATUSES } from './runs/workflow-run.schema.js';

/** OpenAPI response schemas of the /workflows and /workflow-runs routes. */

const integer: SchemaObject = { type: 'integer' };
const jsonObject = (description: string): SchemaObject => ({ type: 'object', additionalProperties: true, description });

export const workflowSchema = objectOf({
  id: idSchema,
  name: stringSchema,
  enabled: booleanSchema,
  version: {
    ...integer,
    description: 'Grows with every change of trigger or steps; a run keeps the version it started with',
  },
  trigger: toOpenApi(triggerField),
  steps: arrayOf(toOpenApi(stepField)),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
});

export const workflowPageSchema = pageOf(workflowSchema);

const stepStateSchema = objectOf({
  index: integer,
  type: stringSchema,
  status: enumOf(STEP_STATUSES),
  attempts: integer,
  output: nullable(jsonObject('What the step did: email ids, the published event, the condition result')),
  error: nullable(stringSchema),
  startedAt: nullable(dateTimeSchema),
  endedAt: nullable(dateTimeSchema),
  wakeAt: { ...nullable(dateTimeSchema), description: "A delay step's end" },
});

export const workflowRunSchema = objectOf({
  id: idSchema,
  workflowId: idSchema,
  version: integer,
  status: enumOf(RUN_STATUSES),
  trigger: { ...stringSchema, description: 'What started it: event:<id>, schedule:<fire time ms> or manual:<id>' },
  input: objectOf({ id: stringSchema, type: stringSchema, data: jsonObject('The data of the trigger') }),
  cursor: { ...integer, description: 'The index of the step to run next' },
  cancelRequested: booleanSchema,
  steps: arrayOf(stepStateSchema),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  endedAt: nullable(dateTimeSchema),
});

export const workflowRunPageSchema = pageOf(workflowRunSchema);
