import { Injectable } from '@nestjs/common';
import type { WebhookEventRecord } from './event.schema.js';

/**
 * Something an event starts besides its deliveries (a workflow run, say). `generation` is the
 * organization's generation read with the event's subscriptions (null: Redis could not say), so a
 * trigger can keep what it reads per process while it is unchanged.
 */
export interface EventTrigger {
  /** Whether an event of this type from this organization starts anything here. */
  startsAnything(orgId: string, eventType: string, generation: number | null): Promise<boolean>;
  /** Must be safe to repeat for one event: a crashed fan-out is done again by the relay. */
  eventFannedOut(event: WebhookEventRecord, generation: number | null): Promise<void>;
}

/**
 * Capabilities built on events register here, so publishing does not depend on them. They run with
 * the fan-out (`EventsService.fanOut`), before the event is marked fanned out: one that fails, or a
 * crash before they ran, leaves the event to the relay.
 */
@Injectable()
export class EventTriggers {
  private readonly triggers: EventTrigger[] = [];

  register(trigger: EventTrigger): void {
    this.triggers.push(trigger);
  }

  async startAnything(orgId: string, eventType: string, generation: number | null): Promise<boolean> {
    for (const trigger of this.triggers) if (await trigger.startsAnything(orgId, eventType, generation)) return true;
    return false;
  }

  async fire(event: WebhookEventRecord, generation: number | null): Promise<void> {
    for (const trigger of this.triggers) await trigger.eventFannedOut(event, generation);
  }
}
