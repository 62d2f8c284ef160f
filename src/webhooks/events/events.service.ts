import { Inject, Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { CLOCK, type Clock } from '../../common/clock.js';
import { currentTraceparent } from '../../tracing/trace-context.js';
import { SubscriptionsCache } from '../endpoints/subscriptions.cache.js';
import { MessageDispatcher } from '../outbox/message-dispatcher.js';
import { WebhookMessagesRepository } from '../outbox/webhook-messages.repository.js';
import type { WebhookEventRecord } from './event.schema.js';
import { EventsRepository } from './events.repository.js';

const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

export interface Published {
  id: string;
  /** True when an idempotency key named an event published before: nothing new was created. */
  duplicate: boolean;
}

/**
 * Publishing: the event and one message per subscribed endpoint are stored first (the outbox), then
 * offered to the queue. Everything after the event's insert can be redone by the relay.
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    private readonly events: EventsRepository,
    private readonly messages: WebhookMessagesRepository,
    private readonly subscriptions: SubscriptionsCache,
    private readonly dispatcher: MessageDispatcher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(orgId: string, type: string, payload: unknown, idempotencyKey?: string): Promise<Published> {
    const now = this.clock.now();
    const eventId = new Types.ObjectId();
    if (idempotencyKey) {
      const expiresAt = new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS);
      const holder =
        (await this.events.eventForKey(orgId, idempotencyKey, now)) ??
        (await this.events.claimKey(orgId, idempotencyKey, eventId.toHexString(), expiresAt, now));
      if (holder !== eventId.toHexString()) return { id: holder, duplicate: true };
    }
    const event = await this.storeEvent(orgId, eventId, type, payload, now);
    try {
      await this.fanOut(event, true);
    } catch (error) {
      // The event is stored: the relay finishes its fan-out, so the publisher is told it was accepted
      // (a retry without an idempotency key would publish it twice).
      this.logger.warn({ message: 'fan-out left to the outbox relay', eventId: eventId.toHexString(), error });
    }
    return { id: eventId.toHexString(), duplicate: false };
  }

  /** An event for one endpoint only, whatever it subscribes to (`POST /webhooks/:id/test`). Returns the message id. */
  async publishTo(orgId: string, endpointId: string, type: string, payload: unknown): Promise<string> {
    const now = this.clock.now();
    const event = await this.storeEvent(orgId, new Types.ObjectId(), type, payload, now);
    const [message] = await this.createMessages(event, [endpointId], now);
    return message!._id.toHexString();
  }

  /**
   * One message per subscribed endpoint, then each offered to the queue at once. Safe to repeat: for an
   * event seen before (`fresh` false, the relay finishing a fan-out a crash cut short), the messages
   * still pending are read back, whoever created them.
   */
  async fanOut(event: WebhookEventRecord, fresh = false): Promise<void> {
    const orgId = event.orgId.toHexString();
    const now = this.clock.now();
    const endpointIds = await this.subscriptions.endpointIdsFor(orgId, event.type);
    await this.createMessages(event, endpointIds, now, fresh);
    if (fresh) return;
    const pending = await this.messages.pendingForEvent(orgId, event._id.toHexString());
    await Promise.all(pending.map((message) => this.dispatcher.dispatch(message, 250)));
  }

  /** The exact bytes every endpoint will be sent and its signature covers. */
  private storeEvent(
    orgId: string,
    eventId: Types.ObjectId,
    type: string,
    payload: unknown,
    now: Date,
  ): Promise<WebhookEventRecord> {
    const body = JSON.stringify({ type, timestamp: now.toISOString(), data: payload });
    return this.events.create(orgId, eventId, { type, body, traceparent: currentTraceparent() });
  }

  /** Creates the event's messages to these endpoints and marks it fanned out; with `dispatchNow`, offers them to the queue. */
  private async createMessages(event: WebhookEventRecord, endpointIds: string[], now: Date, dispatchNow = true) {
    const created = endpointIds.map((endpointId) => ({
      _id: new Types.ObjectId(),
      eventId: event._id,
      endpointId: new Types.ObjectId(endpointId),
      eventType: event.type,
      nextAttemptAt: now,
      traceparent: event.traceparent ?? null,
    }));
    await this.messages.createMany(event.orgId.toHexString(), created);
    await this.events.markFannedOut(event._id, now);
    if (dispatchNow)
      await Promise.all(created.map((message) => this.dispatcher.dispatch({ ...message, attempts: 0 }, 250)));
    return created;
  }
}
