import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { MfaChallenge, type MfaChallengeRecord } from './mfa-challenge.schema.js';

@Injectable()
export class MfaChallengesRepository {
  constructor(@InjectModel(MfaChallenge.name) private readonly model: Model<MfaChallenge>) {}

  async create(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.model.create({ userId, tokenHash, expiresAt });
  }

  findUnexpired(tokenHash: string, now: Date): Promise<MfaChallengeRecord | null> {
    return this.model
      .findOne({ tokenHash, expiresAt: { $gt: now } })
      .lean<MfaChallengeRecord>()
      .exec();
  }

  /**
   * Takes the challenge for one code check until `until`: the user id for exactly one of concurrent
   * callers, null for the others and for an expired or used challenge.
   */
  async startCheck(tokenHash: string, now: Date, until: Date): Promise<string | null> {
    const taken = await this.model
      .findOneAndUpdate(
        { tokenHash, expiresAt: { $gt: now }, $or: [{ checkingUntil: null }, { checkingUntil: { $lte: now } }] },
        { $set: { checkingUntil: until } },
      )
      .lean<MfaChallengeRecord>()
      .exec();
    return taken ? taken.userId.toHexString() : null;
  }

  /** Hands a challenge back after a wrong code, so the user can try another one. */
  async endCheck(tokenHash: string): Promise<void> {
    await this.model.updateOne({ tokenHash }, { $set: { checkingUntil: null } });
  }

  /**
   * Deletes the challenge if it has not expired; true for exactly one of concurrent callers. A used
   * challenge is gone, so nothing is left to clean up or to replay.
   */
  async consume(tokenHash: string, now: Date): Promise<boolean> {
    const result = await this.model.deleteOne({ tokenHash, expiresAt: { $gt: now } });
    return result.deletedCount === 1;
  }

  async deleteExpired(before: Date): Promise<void> {
    await this.model.deleteMany({ expiresAt: { $lte: before } });
  }
}
