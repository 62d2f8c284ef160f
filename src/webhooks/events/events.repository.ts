import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model, type Types } from 'mongoose';
import { isDuplicateKey } from '../../database/mongo-errors.js';
import { WebhookEvent, type WebhookEventRecord } from './event.schema.js';
import { EventIdempotencyKey } from './idempotency-key.schema.js';

const CLAIM_ATTEMPTS = 3;

@Injectable()
export class EventsRepository {
  constructor(
    @InjectModel(WebhookEvent.name) private readonly events: Model<WebhookEvent>,
    @InjectModel(EventIdempotencyKey.name) private readonly keys: Model<EventIdempotencyKey>,
  ) {}

  /** `fannedOutAt` when its messages are stored already (or null: not yet). */
  async create(
    orgId: string,
    eventId: Types.ObjectId,
    event: Pick<WebhookEvent, 'type' | 'body' | 'traceparent' | 'idempotencyKey'>,
    fannedOutAt: Date | null = null,
  ): Promise<WebhookEventRecord> {
    return (await this.events.create({ _id: eventId, ...event, orgId, fannedOutAt })).toObject();
  }

  /** The event comes from this service's own insert or read, so its id alone names it. */
  async markFannedOut(eventId: Types.ObjectId, now: Date): Promise<void> {
    await this.events.updateOne({ _id: eventId }, { $set: { fannedOutAt: now } });
  }

  /**
   * Removes an event that lost its idempotency key to another, before anything was made of it: the
   * guard keeps an event whose fan-out began.
   */
  async deleteUnpublished(eventId: Types.ObjectId): Promise<void> {
    await this.events.deleteOne({ _id: eventId, fannedOutAt: null });
  }

  /** Events older than `before` whose fan-out never finished (the process died in between). */
  notFannedOut(before: Date, limit: number): Promise<WebhookEventRecord[]> {
    return this.events
      .find({ fannedOutAt: null, createdAt: { $lt: before } })
      .limit(limit)
      .lean<WebhookEventRecord[]>()
      .exec();
  }

  /** By _id alone, the tenant compared here: the same answer, and an index lookup on FerretDB too (see docs). */
  async findById(orgId: string, eventId: string): Promise<WebhookEventRecord | null> {
    if (!isValidObjectId(eventId)) return null;
    const found = await this.events.findById(eventId).lean<WebhookEventRecord>().exec();
    return found && found.orgId.toHexString() === orgId.toLowerCase() ? found : null;
  }

  /** The event an unexpired idempotency key already names, if any. */
  async eventForKey(orgId: string, key: string, now: Date): Promise<string | null> {
    const found = await this.keys
      .findOne({ _id: `${orgId}:${key}`, expiresAt: { $gt: now } })
      .lean<EventIdempotencyKey>()
      .exec();
    return found?.eventId ?? null;
  }

  /**
   * Claims a key for an event. Returns the event that holds it: this one, or one a concurrent
   * request claimed first. An expired claim is replaced.
   */
  async claimKey(orgId: string, key: string, eventId: string, expiresAt: Date, now: Date): Promise<string> {
    const _id = `${orgId}:${key}`;
    for (let attempt = 1; ; attempt++) {
      await this.keys.deleteOne({ _id, expiresAt: { $lte: now } });
      try {
        await this.keys.create({ _id, eventId, expiresAt });
        return eventId;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const holder = await this.keys.findById(_id).lean<EventIdempotencyKey>().exec();
      if (holder) return holder.eventId;
      // The holder was an expired claim that another request removed between our insert and this read:
      // claim again rather than take the key as ours unclaimed, which let two requests both publish.
      if (attempt === CLAIM_ATTEMPTS) throw new Error(`idempotency key ${_id} changed hands ${attempt} times in a row`);
    }
  }

  /** Retention: idempotency keys that expired before `before` (a key past expiry names nothing). */
  async deleteExpiredKeysBefore(before: Date): Promise<number> {
    return (await this.keys.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  }
}
