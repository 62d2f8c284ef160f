import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { PasswordReset, type PasswordResetRecord } from './password-reset.schema.js';

@Injectable()
export class PasswordResetsRepository {
  constructor(@InjectModel(PasswordReset.name) private readonly model: Model<PasswordReset>) {}

  async create(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.model.create({ userId, tokenHash, expiresAt });
  }

  /** A token that can still be used, without using it. */
  findValid(tokenHash: string, now: Date): Promise<PasswordResetRecord | null> {
    return this.model
      .findOne({ tokenHash, usedAt: null, expiresAt: { $gt: now } })
      .lean<PasswordResetRecord>()
      .exec();
  }

  /** Marks a valid token used and returns it; null when unknown, used or expired. Single use. */
  consume(tokenHash: string, now: Date): Promise<PasswordResetRecord | null> {
    return this.model
      .findOneAndUpdate(
        { tokenHash, usedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { returnDocument: 'after' },
      )
      .lean<PasswordResetRecord>()
      .exec();
  }

  /** Ends every token of the user not used yet: a new password makes older reset links worthless. */
  async voidAllFor(userId: string, now: Date): Promise<void> {
    await this.model.updateMany({ userId, usedAt: null }, { $set: { usedAt: now } });
  }
}
