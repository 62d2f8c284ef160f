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
