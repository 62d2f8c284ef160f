import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { EmailMessage, type EmailMessageRecord } from './email-message.schema.js';

/**
 * Variables can hold one-time links (invitations, password resets); once the email is done with,
 * they are erased so the outbox never keeps a usable token.
 */
const ERASED = { variables: {} };

export type NewEmailMessage = Pick<EmailMessage, 'to' | 'template' | 'variables'> & { dedupeKey?: string };

@Injectable()
export class EmailMessagesRepository {
  constructor(@InjectModel(EmailMessage.name) private readonly model: Model<EmailMessage>) {}

  async create(message: NewEmailMessage): Promise<EmailMessageRecord> {
    const created = await this.model.create({ ...message, status: 'queued' });
    return created.toObject();
  }

  findById(id: string): Promise<EmailMessageRecord | null> {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.model.findById(id).lean<EmailMessageRecord>().exec();
  }

  findByDedupeKey(dedupeKey: string): Promise<Pick<EmailMessageRecord, '_id'> | null> {
    return this.model.findOne({ dedupeKey }, { _id: 1 }).lean<Pick<EmailMessageRecord, '_id'>>().exec();
  }

  /** Takes the send lease if the email is still queued and nobody else holds a live lease. */
  claim(id: string, now: Date, leaseMs: number): Promise<EmailMessageRecord | null> {
    return this.model
      .findOneAndUpdate(
        { _id: id, status: 'queued', $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
        { $set: { lockedUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      )
      .lean<EmailMessageRecord>()
      .exec();
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id },
      { $set: { status: 'sent', sentAt: now, lockedUntil: null, lastError: null, ...ERASED } },
    );
  }

  /** Records a failed attempt; `final` ends the record as failed, otherwise it waits for a retry. */
  async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: 'queued' },
      { $set: { lastError: error, lockedUntil: null, ...(final ? { status: 'failed', ...ERASED } : {}) } },
    );
  }

  /** Queued records untouched since `before`: their job may never have reached Redis. */
  findStale(before: Date, limit: number): Promise<Pick<EmailMessageRecord, '_id'>[]> {
    return this.model
      .find({ status: 'queued', updatedAt: { $lt: before } }, { _id: 1 })
      .sort({ updatedAt: 1 })
      .limit(limit)
      .lean<Pick<EmailMessageRecord, '_id'>[]>()
      .exec();
  }

  /** Moves a record's updatedAt forward so the sweeper does not pick it again at once. */
  async touch(id: Types.ObjectId): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: 'queued' },
      { $set: { updatedAt: new Date() } },
      { timestamps: false },
    );
  }

  /** Retention: emails sent before `before` (their variables were erased when they were sent). */
  async deleteSentBefore(before: Date): Promise<number> {
    return (await this.model.deleteMany({ status: 'sent', sentAt: { $lt: before } })).deletedCount;
  }
}
