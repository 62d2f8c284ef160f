import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model, type Types } from 'mongoose';
import { onlyDuplicateKeys } from '../../database/mongo-errors.js';
import { type MessageStatus, WebhookMessage, type WebhookMessageRecord } from './webhook-message.schema.js';

export type NewMessage = Pick<
  WebhookMessage,
  'eventId' | 'endpointId' | 'eventType' | 'nextAttemptAt' | 'traceparent' | 'enqueuedAt'
> & { _id: Types.ObjectId };

@Injectable()
export class WebhookMessagesRepository {
  constructor(@InjectModel(WebhookMessage.name) private readonly model: Model<WebhookMessage>) {}

  /** Idempotent per (event, endpoint): a second fan-out of the same event adds nothing. */
  async createMany(orgId: string, messages: NewMessage[]): Promise<void> {
    if (!messages.length) return;
    try {
      await this.model.insertMany(
        messages.map((m) => ({ ...m, orgId, status: 'pending', attempts: 0 })),
        { ordered: false },
      );
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  pendingForEvent(orgId: string, eventId: string): Promise<WebhookMessageRecord[]> {
    return this.model.find({ orgId, eventId, status: 'pending' }).lean<WebhookMessageRecord[]>().exec();
  }

  /** For the worker, which knows a message only by the id in its job. */
  findForDelivery(messageId: string): Promise<WebhookMessageRecord | null> {
    if (!isValidObjectId(messageId)) return Promise.resolve(null);
    return this.model.findById(messageId).lean<WebhookMessageRecord>().exec();
  }

  /** Pending messages due now whose current attempt is not queued, or was queued long ago (lost). */
  due(now: Date, requeueBefore: Date, limit: number): Promise<WebhookMessageRecord[]> {
    return this.model
      .find({
        status: 'pending',
        nextAttemptAt: { $lte: now },
        $or: [{ enqueuedAt: null }, { enqueuedAt: { $lt: requeueBefore } }],
      })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<WebhookMessageRecord[]>()
      .exec();
  }

  async markEnqueued(messageId: string, attempts: number, now: Date): Promise<void> {
    await this.model.updateOne({ _id: messageId, attempts }, { $set: { enqueuedAt: now } });
  }

  /** The hand-over of this attempt failed: the relay takes the message on its next pass. */
  async clearEnqueued(messageId: string, attempts: number): Promise<void> {
    await this.model.updateOne({ _id: messageId, attempts, status: 'pending' }, { $set: { enqueuedAt: null } });
  }

  /**
   * Records an attempt's end. Guarded by the attempt count, so a repeated job cannot record twice. A
   * retry is marked queued (`enqueuedAt`) here, as its hand-over follows at once (see MessageDispatcher.handOver).
   */
  async finishAttempt(
    messageId: string,
    attemptsBefore: number,
    next: { status: MessageStatus; nextAttemptAt?: Date; enqueuedAt?: Date; lastError: string | null },
  ): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: messageId, attempts: attemptsBefore, status: 'pending' },
      {
        $set: {
          status: next.status,
          lastError: next.lastError,
          enqueuedAt: next.enqueuedAt ?? null,
          ...(next.nextAttemptAt ? { nextAttemptAt: next.nextAttemptAt } : {}),
        },
        $inc: { attempts: 1 },
      },
    );
    return result.modifiedCount === 1;
  }

  /** `recover`: every failed message of an endpoint since a time goes back to pending, due now. */
  async requeueFailed(orgId: string, endpointId: string, since: Date, now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { orgId, endpointId, status: 'failed', createdAt: { $gte: since } },
      { $set: { status: 'pending', nextAttemptAt: now, enqueuedAt: null } },
    );
    return result.modifiedCount;
  }

  /** One message (a retry of an attempt) back to pending, due now. */
  async requeue(orgId: string, messageId: string, now: Date): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: messageId, orgId, status: { $in: ['failed', 'succeeded'] } },
      { $set: { status: 'pending', nextAttemptAt: now, enqueuedAt: null } },
    );
    return result.modifiedCount === 1;
  }
}
