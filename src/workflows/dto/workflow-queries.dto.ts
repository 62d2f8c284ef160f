import { z } from 'zod';
import { objectIdField, pageLimitField } from '../../common/validation/fields.js';
import { nestsDeeperThan } from '../../common/validation/json-depth.js';
import { RUN_STATUSES } from '../runs/workflow-run.schema.js';

export const listWorkflowsQuery = z.strictObject({ limit: pageLimitField, cursor: objectIdField.optional() });
export type ListWorkflowsQuery = z.infer<typeof listWorkflowsQuery>;

export const listRunsQuery = z.strictObject({
  limit: pageLimitField,
  cursor: objectIdField.optional(),
  status: z.enum(RUN_STATUSES, { error: `must be one of ${RUN_STATUSES.join(', ')}` }).optional(),
});
export type ListRunsQuery = z.infer<typeof listRunsQuery>;

const MAX_INPUT_BYTES = 64 * 1024;

/** A manual run's input: what `{{event.data.…}}` reads in its steps. */
export const manualRunBody = z.strictObject({
  input: z
    .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
    .superRefine((value, ctx) => {
      if (nestsDeeperThan(value, 32)) ctx.addIssue({ code: 'custom', message: 'must nest at most 32 levels deep' });
      else if (Buffer.byteLength(JSON.stringify(value)) > MAX_INPUT_BYTES)
        ctx.addIssue({ code: 'custom', message: 'must be at most 64 KiB as JSON' });
    })
    .default({}),
});
export type ManualRunBody = z.infer<typeof manualRunBody>;
