import { Inject, Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { CLOCK, type Clock } from '../../common/clock.js';
import { currentTraceparent } from '../../tracing/trace-context.js';
import { type EventRoute, SubscriptionsCache } from '../endpoints/subscriptions.cache.js';
import { MessageDispatcher } from '../outbox/message-dispatcher.js';
import { type NewMessage, WebhookMessagesRepository } from '../outbox/webhook-messages.repository.js';
import type { WebhookEventRecord } from './event.schema.js';
import { EventTriggers } from './event-triggers.js';
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
    private readonly triggers: EventTriggers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Without an idempotency key, and when the event starts nothing but deliveries, the messages are
   * stored first (already marked queued), then the event already marked fanned out, then the messages
   * are handed to the queue: two writes. The relay leaves such messages alone (it would otherwise queue
   * a message whose event is not stored yet) unless the hand-over fails, which clears the mark. With a
   * key, the event is stored first and the key claimed for it after, so a key never names an event that
   * was not stored (a failed insert leaves the key free for the retry). An event that loses the key to
   * a concurrent publish is removed before anything was made of it; one a crash left unclaimed is
   * settled by the relay (`fanOut`). No transaction: FerretDB has none.
   */
  async publish(orgId: string, type: string, payload: unknown, idempotencyKey?: string): Promise<Published> {
    const now = this.clock.now();
    if (!idempotencyKey) return { id: await this.publishUnkeyed(orgId, type, payload, now), duplicate: false };
    const existing = await this.events.eventForKey(orgId, idempotencyKey, now);
    if (existing) return { id: existing, duplicate: true };
    const event = await this.storeEvent(orgId, new Types.ObjectId(), type, payload, now, idempotencyKey);
    const eventId = event._id.toHexString();
    const holder = await this.claimKey(event, idempotencyKey, now);
    if (holder !== eventId) return { id: holder, duplicate: true };
    await this.fanOutOrLeaveToRelay(event);
    return { id: eventId, duplicate: false };
  }

  /**
   * Triggers (workflow runs) fire in one place, `fanOut`, which runs before the event is marked fanned
   * out, so a crash or a failure before they ran leaves the event to the relay. An event stored already
   * marked fanned out would lose them to a crash right after its insert: so an event that starts
   * anything takes the keyed path's order (event, then fan-out, then the mark: one more write). The
   * question is answered from per-process copies checked against the generation read with the
   * subscriptions; if it cannot be answered, the safe order is taken.
   */
  private async publishUnkeyed(orgId: string, type: string, payload: unknown, now: Date): Promise<string> {
    const eventId = new Types.ObjectId();
    const route = await this.subscriptions.route(orgId, type);
    const startsAnything = await this.triggers.startAnything(orgId, type, route.generation).catch(() => true);
    if (startsAnything) {
      const event = await this.storeEvent(orgId, eventId, type, payload, now);
      await this.fanOutOrLeaveToRelay(event, route);
      return eventId.toHexString();
    }
    const body = eventBody(type, payload, now);
    const traceparent = currentTraceparent();
    const messages = newMessages({ _id: eventId, type, traceparent }, route.endpointIds, now, now);
    await this.messages.createMany(orgId, messages);
    await this.events.create(orgId, eventId, { type, body, traceparent, idempotencyKey: null }, now);
    await this.handOver(messages, body);
    return eventId.toHexString();
  }

  /** The event is stored: the relay finishes a fan-out that fails, so the publisher is told it was accepted. */
  private async fanOutOrLeaveToRelay(event: WebhookEventRecord, route?: EventRoute): Promise<void> {
    try {
      await this.fanOut(event, true, route);
    } catch (error) {
      // A retry without an idempotency key would publish it twice.
      this.logger.warn({ message: 'fan-out left to the outbox relay', eventId: event._id.toHexString(), error });
    }
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
   * still pending are read back, whoever created them; an event published with an idempotency key
   * goes out only if the key is, or can still be, claimed for it.
   */
  async fanOut(event: WebhookEventRecord, fresh = false, route?: EventRoute): Promise<void> {
    const orgId = event.orgId.toHexString();
    const now = this.clock.now();
    // A crash may have come between storing the event and claiming its key: claim it now, or give way.
    const key = fresh ? null : event.idempotencyKey;
    if (key && (await this.claimKey(event, key, now)) !== event._id.toHexString()) return;
    // The route first: the triggers' copies are checked against the generation it was read under.
    const { endpointIds, generation } = route ?? (await this.subscriptions.route(orgId, event.type));
    await this.triggers.fire(event, generation);
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
    idempotencyKey?: string,
  ): Promise<WebhookEventRecord> {
    return this.events.create(orgId, eventId, {
      type,
      body: eventBody(type, payload, now),
      traceparent: currentTraceparent(),
      idempotencyKey: idempotencyKey ?? null,
    });
  }

  /**
   * Claims the stored event's idempotency key for it and returns the event holding the key. An event
   * that lost the key to another is removed (or, if that fails, left for the relay to settle again).
   */
  private async claimKey(event: WebhookEventRecord, key: string, now: Date): Promise<string> {
    const orgId = event.orgId.toHexString();
    const eventId = event._id.toHexString();
    const expiresAt = new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS);
    const holder = await this.events.claimKey(orgId, key, eventId, expiresAt, now);
    if (holder !== eventId) {
      await this.events.deleteUnpublished(event._id).catch((error: unknown) => {
        this.logger.warn({ message: 'could not remove an event that lost its idempotency key', eventId, error });
      });
    }
    return holder;
  }

  /**
   * Creates the event's messages to these endpoints and marks it fanned out; with `handOverNow`, they
   * are stored marked queued and handed to the queue.
   */
  private async createMessages(event: WebhookEventRecord, endpointIds: string[], now: Date, handOverNow = true) {
    const created = newMessages(event, endpointIds, now, handOverNow ? now : null);
    await this.messages.createMany(event.orgId.toHexString(), created);
    await this.events.markFannedOut(event._id, now);
    if (handOverNow) await this.handOver(created, event.body);
    return created;
  }

  private handOver(messages: NewMessage[], body: string) {
    return Promise.all(messages.map((message) => this.dispatcher.handOver({ ...message, attempts: 0 }, body, 250)));
  }
}

/** What every subscriber receives: the Standard Webhooks envelope around the published payload. */
function eventBody(type: string, payload: unknown, now: Date): string {
  return JSON.stringify({ type, timestamp: now.toISOString(), data: payload });
}

function newMessages(
  event: Pick<WebhookEventRecord, '_id' | 'type' | 'traceparent'>,
  endpointIds: string[],
  now: Date,
  enqueuedAt: Date | null,
): NewMessage[] {
  return endpointIds.map((endpointId) => ({
    _id: new Types.ObjectId(),
    eventId: event._id,
    endpointId: new Types.ObjectId(endpointId),
    eventType: event.type,
    nextAttemptAt: now,
    enqueuedAt,
    traceparent: event.traceparent ?? null,
  }));
}
