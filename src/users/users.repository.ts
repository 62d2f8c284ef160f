import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model } from 'mongoose';
import { User, type UserMfa, type UserRecord } from './user.schema.js';

@Injectable()
export class UsersRepository {
  constructor(@InjectModel(User.name) private readonly model: Model<User>) {}

  async create(user: Pick<User, 'email' | 'name' | 'passwordHash'>): Promise<UserRecord> {
    return (await this.model.create(user)).toObject();
  }

  findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return Promise.resolve(null);
    return this.model.findById(id).lean<UserRecord>().exec();
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.model.findOne({ email }).lean<UserRecord>().exec();
  }

  findByIds(ids: string[]): Promise<UserRecord[]> {
    return this.model
      .find({ _id: { $in: ids.filter(isValidObjectId) } })
      .lean<UserRecord[]>()
      .exec();
  }

  /** Counts one failed attempt and returns the new count. */
  async recordFailedLogin(id: string): Promise<number> {
    const updated = await this.model
      .findByIdAndUpdate(id, { $inc: { failedLogins: 1 } }, { returnDocument: 'after' })
      .lean<{ failedLogins: number }>()
      .exec();
    return updated?.failedLogins ?? 0;
  }

  async delayLogins(id: string, until: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { loginDelayedUntil: until } });
  }

  async resetFailedLogins(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { failedLogins: 0, loginDelayedUntil: null } });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { passwordHash, failedLogins: 0, loginDelayedUntil: null } });
  }

  async setMfa(id: string, mfa: Partial<UserMfa>): Promise<void> {
    const set = Object.fromEntries(Object.entries(mfa).map(([key, value]) => [`mfa.${key}`, value]));
    await this.model.updateOne({ _id: id }, { $set: set });
  }

  /**
   * Accepts a TOTP step only if it is later than the last one used: two concurrent requests with
   * the same code cannot both succeed.
   */
  async advanceTotpStep(id: string, step: number): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: id, 'mfa.lastUsedStep': { $lt: step } },
      { $set: { 'mfa.lastUsedStep': step } },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Marks the recovery code at `index` used, if it still is unused: of two requests with the same
   * code only one succeeds. (By index, which works on FerretDB as on MongoDB.)
   */
  async useRecoveryCode(id: string, index: number, hash: string, at: Date): Promise<boolean> {
    const code = `mfa.recoveryCodes.${index}`;
    const result = await this.model.updateOne(
      { _id: id, [`${code}.hash`]: hash, [`${code}.usedAt`]: null },
      { $set: { [`${code}.usedAt`]: at } },
    );
    return result.modifiedCount === 1;
  }
}
