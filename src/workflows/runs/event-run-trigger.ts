import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { WebhookEventRecord } from '../../webhooks/events/event.schema.js';
import { type EventTrigger, EventTriggers } from '../../webhooks/events/event-triggers.js';
import { WorkflowsRepository } from '../workflows.repository.js';
import { RunStarter } from './run-starter.js';

/**
 * Starts a run of each enabled workflow an event's type triggers, keyed by (workflow, event): a second
 * fan-out of the same event (the relay finishing a crashed one) starts nothing.
 */
@Injectable()
export class EventRunTrigger implements EventTrigger, OnModuleInit {
  constructor(
    private readonly triggers: EventTriggers,
    private readonly workflows: WorkflowsRepository,
    private readonly starter: RunStarter,
  ) {}

  onModuleInit(): void {
    this.triggers.register(this);
  }

  async eventFannedOut(event: WebhookEventRecord): Promise<void> {
    const workflows = await this.workflows.triggeredBy(event.orgId.toHexString(), event.type);
    if (!workflows.length) return;
    const eventId = event._id.toHexString();
    const { data } = JSON.parse(event.body) as { data: Record<string, unknown> };
    for (const workflow of workflows) {
      await this.starter.start(workflow, `event:${eventId}`, { id: eventId, type: event.type, data });
    }
  }
}
