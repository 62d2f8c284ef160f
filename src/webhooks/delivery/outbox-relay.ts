import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { PeriodicTask } from '../../common/periodic-task.js';
import { EventsRepository } from '../events/events.repository.js';
import { EventsService } from '../events/events.service.js';
import { MessageDispatcher } from '../outbox/message-dispatcher.js';
import { WebhookMessagesRepository } from '../outbox/webhook-messages.repository.js';

const EVERY_MS = 1_000;
const BATCH = 500;
/** An attempt queued this long ago and still pending was lost with Redis's data: queue it again. */
const REQUEUE_AFTER_MS = 10 * 60_000;
const FAN_OUT_GRACE_MS = 10_000;

/**
 * Moves the outbox into the queue, in the worker: due messages (first attempts that never reached
 * Redis, retries whose time has come) and events whose fan-out a crash cut short. Job ids make every
 * hand-over idempotent, so several workers may relay at once.
 */
@Injectable()
export class OutboxRelay extends PeriodicTask {
  constructor(
    private readonly events: EventsRepository,
    private readonly eventsService: EventsService,
    private readonly messages: WebhookMessagesRepository,
    private readonly dispatcher: MessageDispatcher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(EVERY_MS, 'outbox relay pass failed');
  }

  protected pass() {
    return this.relay();
  }

  async relay(): Promise<number> {
    const now = this.clock.now();
    for (const event of await this.events.notFannedOut(new Date(now.getTime() - FAN_OUT_GRACE_MS), BATCH)) {
      await this.eventsService.fanOut(event);
    }
    const due = await this.messages.due(now, new Date(now.getTime() - REQUEUE_AFTER_MS), BATCH);
    let handed = 0;
    for (const message of due) {
      if (!(await this.dispatcher.dispatch(message, 2_000))) break; // Redis is away: try again next pass.
      handed++;
    }
    return handed;
  }
}
