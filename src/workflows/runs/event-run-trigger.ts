import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { WebhookEventRecord } from '../../webhooks/events/event.schema.js';
import { type EventTrigger, EventTriggers } from '../../webhooks/events/event-triggers.js';
import { EventTriggeredWorkflows } from './event-triggered-workflows.js';
import { RunStarter } from './run-starter.js';

/**
 * Starts a run of each enabled workflow an event's type triggers, keyed by (workflow, event): a second
 * fan-out of the same event (the relay finishing a crashed one) starts nothing.
 */
@Injectable()
export class EventRunTrigger implements EventTrigger, OnModuleInit {
  constructor(
    private readonly triggers: EventTriggers,
    private readonly workflows: EventTriggeredWorkflows,
    private readonly starter: RunStarter,
  ) {}

  onModuleInit(): void {
    this.triggers.register(this);
  }

  async startsAnything(orgId: string, eventType: string, generation: number | null): Promise<boolean> {
    return (await this.workflows.forEvent(orgId, eventType, generation)).length > 0;
  }

  async eventFannedOut(event: WebhookEventRecord, generation: number | null): Promise<void> {
    const workflows = await this.workflows.forEvent(event.orgId.toHexString(), event.type, generation);
    if (!workflows.length) return;
    const eventId = event._id.toHexString();
    const data = workflowView(event.body);
    for (const workflow of workflows) {
      await this.starter.start(workflow, `event:${eventId}`, { id: eventId, type: event.type, data });
    }
  }
}

/**
 * What a run sees as `event.data`: the published payload read as plain JavaScript values, since the
 * run stores it as a BSON document. Subscribers get the exact text; here a number a double cannot hold
 * is the nearest double (9007199254740993 → 9007199254740992, 18446744073709551615 →
 * 18446744073709552000) and one beyond a double's range (1e400) is null, as JSON would write it.
 */
function workflowView(body: string): Record<string, unknown> {
  const { data } = JSON.parse(body, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? null : value,
  ) as { data: Record<string, unknown> };
  return data;
}
