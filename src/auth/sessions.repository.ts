import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model } from 'mongoose';
import { Session, type SessionRecord } from './session.schema.js';

export type NewSession = Pick<Session, 'tokenHash' | 'userAgent' | 'ip' | 'expiresAt' | 'mfaPassed'>;

/** Sessions belong to a user: every method but the token lookups takes the user id. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectModel(Session.name) private readonly model: Model<Session>) {}

  async create(userId: string, session: NewSession, now: Date): Promise<SessionRecord> {
    return (await this.model.create({ ...session, userId, lastUsedAt: now })).toObject();
  }

  async isActive(userId: string, sessionId: string, now: Date): Promise<boolean> {
    if (!isValidObjectId(sessionId)) return false;
    return (
      (await this.model.countDocuments({ _id: sessionId, userId, revokedAt: null, expiresAt: { $gt: now } })) === 1
    );
  }

  /** The session while it is alive (not revoked, not expired), else null. */
  findActive(userId: string, sessionId: string, now: Date): Promise<SessionRecord | null> {
    if (!isValidObjectId(sessionId)) return Promise.resolve(null);
    return this.model
      .findOne({ _id: sessionId, userId, revokedAt: null, expiresAt: { $gt: now } })
      .lean<SessionRecord>()
      .exec();
  }

  listActive(userId: string, now: Date): Promise<SessionRecord[]> {
    return this.model
      .find({ userId, revokedAt: null, expiresAt: { $gt: now } })
      .sort({ lastUsedAt: -1 })
      .lean<SessionRecord[]>()
      .exec();
  }

  /** Swaps the current refresh token for a new one; null if the token is not current (or revoked, or expired). */
  rotate(tokenHash: string, nextHash: string, now: Date): Promise<SessionRecord | null> {
    return this.model
      .findOneAndUpdate(
        { tokenHash, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { tokenHash: nextHash, lastUsedAt: now }, $push: { rotatedHashes: tokenHash } },
        { returnDocument: 'after' },
      )
      .lean<SessionRecord>()
      .exec();
  }

  /** The session a rotated-away token once belonged to: its reuse means the family leaked. */
  findByRotatedHash(tokenHash: string): Promise<SessionRecord | null> {
    return this.model.findOne({ rotatedHashes: tokenHash }).lean<SessionRecord>().exec();
  }

  async revoke(userId: string, sessionId: string, reason: string, now: Date): Promise<boolean> {
    if (!isValidObjectId(sessionId)) return false;
    const result = await this.model.updateOne(
      { _id: sessionId, userId, revokedAt: null },
      { $set: { revokedAt: now, revokedReason: reason } },
    );
    return result.modifiedCount === 1;
  }

  async revokeAll(userId: string, reason: string, now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { userId, revokedAt: null },
      { $set: { revokedAt: now, revokedReason: reason } },
    );
    return result.modifiedCount;
  }

  async revokeAllExcept(userId: string, keepSessionId: string, reason: string, now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { userId, _id: { $ne: keepSessionId }, revokedAt: null },
      { $set: { revokedAt: now, revokedReason: reason } },
    );
    return result.modifiedCount;
  }

  /** Retention: sessions that expired before `before` can no longer be refreshed or shown. */
  async deleteExpiredBefore(before: Date): Promise<number> {
    return (await this.model.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  }
}
