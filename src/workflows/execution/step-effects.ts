import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { emailField } from '../../common/validation/fields.js';
import { EmailService } from '../../email/email.service.js';
import { EventsService } from '../../webhooks/events/events.service.js';
import { durationSeconds } from '../definition/duration.js';
import { fieldValue, fillPlaceholders, fillTemplate, type TriggerInput } from '../definition/placeholders.js';
import { evaluate } from '../definition/predicate.js';
import type { WorkflowStep } from '../dto/workflow-definition.dto.js';
import type { WorkflowRunRecord } from '../runs/workflow-run.schema.js';

export type StepResult =
  | { kind: 'done'; output: Record<string, unknown> }
  /** A delay: the run waits until then. */
  | { kind: 'wait'; until: Date }
  /** A false condition: the run ends succeeded here, the steps after it skipped. */
  | { kind: 'stop'; output: Record<string, unknown> };

/** A step that can never succeed as it is (no valid recipient, say): no retry. */
export class PermanentStepError extends Error {}

/**
 * What each step does. Every effect goes through an outbox under a key derived from (run, step), so a
 * step run again after a crash finds its email or event already there and makes no second one.
 */
@Injectable()
export class StepEffects {
  constructor(
    private readonly emails: EmailService,
    private readonly events: EventsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(run: WorkflowRunRecord, cursor: number): Promise<StepResult> {
    const step = run.definition[cursor]!;
    const key = `workflow-run:${run._id.toHexString()}:${cursor}`;
    switch (step.type) {
      case 'send_email':
        return this.sendEmail(step, run.input, key);
      case 'publish_event': {
        const payload = fillTemplate(step.payload, run.input) as Record<string, unknown>;
        const published = await this.events.publish(run.orgId.toHexString(), step.eventType, payload, key);
        return { kind: 'done', output: { eventId: published.id } };
      }
      case 'delay': {
        const now = this.clock.now();
        const wakeAt = run.steps[cursor]!.wakeAt;
        if (!wakeAt) return { kind: 'wait', until: new Date(now.getTime() + durationSeconds(step.duration)! * 1_000) };
        if (wakeAt > now) return { kind: 'wait', until: wakeAt };
        return { kind: 'done', output: { wokeAt: now } };
      }
      case 'condition': {
        const matched = evaluate(step.when, run.input);
        return { kind: matched ? 'done' : 'stop', output: { matched } };
      }
    }
  }

  private async sendEmail(
    step: Extract<WorkflowStep, { type: 'send_email' }>,
    input: TriggerInput,
    key: string,
  ): Promise<StepResult> {
    const recipients = [...new Set(step.to.flatMap((entry) => recipientsOf(entry, input)))];
    if (!recipients.length)
      throw new PermanentStepError('no valid recipient: every address or field was empty or invalid');
    const variables = { subject: fillPlaceholders(step.subject, input), text: fillPlaceholders(step.text, input) };
    const emailIds: string[] = [];
    for (const to of recipients) {
      emailIds.push(await this.emails.send(to, 'workflow', variables, { dedupeKey: `${key}:${to}` }));
    }
    return { kind: 'done', output: { emailIds } };
  }
}

/** A fixed address, or the address (or list of them) in the trigger's field; invalid ones are dropped. */
function recipientsOf(entry: string, input: TriggerInput): string[] {
  const placeholder = /^\{\{\s*(\S+?)\s*\}\}$/.exec(entry);
  const value = placeholder ? fieldValue(input, placeholder[1]!) : entry;
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.flatMap((candidate) => {
    const parsed = emailField.safeParse(candidate);
    return parsed.success ? [parsed.data] : [];
  });
}
