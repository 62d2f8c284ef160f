import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { emailField, nameField } from '../../common/validation/fields.js';
import { isTimeZone } from '../../common/validation/time-zone.js';
import { EVENT_TYPE_PATTERN, isPlatformEventType } from '../../webhooks/endpoints/event-types.js';
import { durationSeconds, MAX_DELAY_SECONDS } from '../definition/duration.js';
import { placeholderProblem, templateStrings } from '../definition/placeholders.js';
import { COMPARISONS } from '../definition/predicate.js';

const MAX_STEPS = 50;
const MAX_RECIPIENTS = 20;

const eventType = z
  .string({ error: 'must be an event type such as order.created' })
  .max(100, { error: 'must be at most 100 characters' })
  .regex(EVENT_TYPE_PATTERN, { error: 'must be an exact event type such as order.created (no *)' });

const fieldPath = z.string({ error: 'must be a field such as event.data.total' }).max(200);
const fieldTest = z.strictObject({ field: fieldPath, op: z.enum(COMPARISONS), value: z.unknown().optional() });
const group = <T extends z.ZodType>(inner: T) =>
  z.union([
    z.strictObject({ all: z.array(inner).min(1).max(20) }),
    z.strictObject({ any: z.array(inner).min(1).max(20) }),
  ]);
/** Two levels of all/any at most, so the schema (and its OpenAPI form) is not recursive. */
export const predicateField = z.union([fieldTest, group(z.union([fieldTest, group(fieldTest)]))]);

const text = (max: number) =>
  z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });

const sendEmailStep = z.strictObject({
  type: z.literal('send_email'),
  to: z
    .array(text(254), { error: 'must be a list of addresses or {{event.data.<field>}} placeholders' })
    .min(1, { error: 'must name at least one recipient' })
    .max(MAX_RECIPIENTS, { error: `must name at most ${MAX_RECIPIENTS} recipients` }),
  subject: text(300).min(1, { error: 'must not be empty' }),
  text: text(20_000).min(1, { error: 'must not be empty' }),
});
const publishEventStep = z.strictObject({
  type: z.literal('publish_event'),
  eventType: eventType.refine((type) => !isPlatformEventType(type), { error: 'is published by NovaPulse itself' }),
  payload: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).default({}),
});
const delayStep = z.strictObject({
  type: z.literal('delay'),
  duration: z.union([z.string().max(40), z.number()], { error: 'must be an ISO-8601 duration or a number of seconds' }),
});
const conditionStep = z.strictObject({ type: z.literal('condition'), when: predicateField });

export const STEP_TYPES = ['send_email', 'publish_event', 'delay', 'condition'] as const;
export const stepField = z.discriminatedUnion('type', [sendEmailStep, publishEventStep, delayStep, conditionStep], {
  error: `must be a step whose type is one of ${STEP_TYPES.join(', ')}`,
});
export type WorkflowStep = z.infer<typeof stepField>;

export const triggerField = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('event'), eventType }),
    z.strictObject({
      type: z.literal('schedule'),
      cron: text(100),
      timeZone: text(64).default('UTC'),
    }),
    z.strictObject({ type: z.literal('manual') }),
  ],
  { error: 'must be a trigger whose type is event, schedule or manual' },
);
export type WorkflowTrigger = z.infer<typeof triggerField>;

const stepsField = z.array(stepField).min(1, { error: 'must hold at least one step' }).max(MAX_STEPS);

type Issue = { path: (string | number)[]; message: string };

/** What the shapes cannot say: cron and time zone, durations, placeholders, conditions' fields. */
export function definitionProblems(trigger: WorkflowTrigger | undefined, steps: WorkflowStep[] | undefined): Issue[] {
  const issues: Issue[] = [];
  if (trigger?.type === 'schedule') {
    if (!isTimeZone(trigger.timeZone))
      issues.push({ path: ['trigger', 'timeZone'], message: 'must be an IANA time zone such as Europe/Paris' });
    else if (!isCron(trigger.cron, trigger.timeZone))
      issues.push({ path: ['trigger', 'cron'], message: 'must be a cron expression' });
  }
  for (const [index, step] of (steps ?? []).entries()) {
    const at = (...rest: (string | number)[]) => ['steps', index, ...rest];
    switch (step.type) {
      case 'send_email':
        for (const [i, recipient] of step.to.entries()) {
          const ok =
            emailField.safeParse(recipient).success || /^\{\{\s*event\.data(\.[A-Za-z0-9_-]+)+\s*\}\}$/.test(recipient);
          if (!ok)
            issues.push({
              path: at('to', i),
              message: 'must be an email address or one {{event.data.<field>}} placeholder',
            });
        }
        for (const field of ['subject', 'text'] as const) {
          const problem = placeholderProblem(step[field]);
          if (problem) issues.push({ path: at(field), message: problem });
        }
        break;
      case 'publish_event':
        for (const [value, path] of templateStrings(step.payload)) {
          const problem = placeholderProblem(value);
          if (problem) issues.push({ path: at('payload', ...path), message: problem });
        }
        if (trigger?.type === 'event' && trigger.eventType === step.eventType)
          issues.push({
            path: at('eventType'),
            message: 'is the trigger of this workflow: each run would start another',
          });
        break;
      case 'delay': {
        const seconds = durationSeconds(step.duration);
        if (seconds === null)
          issues.push({
            path: at('duration'),
            message: 'must be an ISO-8601 duration such as PT30S or P1D, or a number of seconds',
          });
        else if (seconds > MAX_DELAY_SECONDS) issues.push({ path: at('duration'), message: 'must be at most 30 days' });
        break;
      }
      case 'condition':
        for (const [field, path] of fieldsOf(step.when)) {
          if (!/^event\.(type|id|data(\.[A-Za-z0-9_-]+)+)$/.test(field))
            issues.push({
              path: at('when', ...path, 'field'),
              message: 'names nothing: use event.type, event.id or event.data.<field>',
            });
        }
        break;
    }
  }
  return issues;
}

function* fieldsOf(predicate: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  const node = predicate as { field?: string; all?: unknown[]; any?: unknown[] };
  if (typeof node.field === 'string') yield [node.field, path];
  for (const key of ['all', 'any'] as const)
    for (const [i, child] of (node[key] ?? []).entries()) yield* fieldsOf(child, [...path, key, i]);
}

function isCron(expression: string, tz: string): boolean {
  try {
    CronExpressionParser.parse(expression, { tz, strict: false });
    return true;
  } catch {
    return false;
  }
}

const addProblems = (
  value: { trigger?: WorkflowTrigger; steps?: WorkflowStep[] },
  ctx: z.core.$RefinementCtx<{ trigger?: WorkflowTrigger; steps?: WorkflowStep[] }>,
) => {
  for (const issue of definitionProblems(value.trigger, value.steps)) ctx.addIssue({ code: 'custom', ...issue });
};

export const createWorkflowBody = z
  .strictObject({
    name: nameField,
    enabled: z.boolean({ error: 'must be true or false' }).default(true),
    trigger: triggerField,
    steps: stepsField,
  })
  .superRefine(addProblems);
export type CreateWorkflowBody = z.infer<typeof createWorkflowBody>;

export const updateWorkflowBody = z
  .strictObject({
    name: nameField.optional(),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
    trigger: triggerField.optional(),
    steps: stepsField.optional(),
  })
  .superRefine(addProblems);
export type UpdateWorkflowBody = z.infer<typeof updateWorkflowBody>;
