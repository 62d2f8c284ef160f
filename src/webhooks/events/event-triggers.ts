import { Injectable } from '@nestjs/common';
import type { WebhookEventRecord } from './event.schema.js';

/** Something an event starts besides its deliveries (a workflow run, say). */
export interface EventTrigger {
  /** Must be safe to repeat for one event: a crashed fan-out is done again by the relay. */
  eventFannedOut(event: WebhookEventRecord): Promise<void>;
}

/**
 * Capabilities built on events register here, so publishing does not depend on them. They run with
 * the fan-out, before the event is marked fanned out: one that fails leaves the event to the relay.
 */
@Injectable()
export class EventTriggers {
  private readonly triggers: EventTrigger[] = [];

  register(trigger: EventTrigger): void {
    this.triggers.push(trigger);
  }

  async fire(event: WebhookEventRecord): Promise<void> {
    for (const trigger of this.triggers) await trigger.eventFannedOut(event);
  }
}
