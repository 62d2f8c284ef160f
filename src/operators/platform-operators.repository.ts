import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model } from 'mongoose';
import { PlatformOperator } from './platform-operator.schema.js';

@Injectable()
export class PlatformOperatorsRepository {
  constructor(@InjectModel(PlatformOperator.name) private readonly model: Model<PlatformOperator>) {}

  /** Read on every operator request, so a revoke takes effect on the next one. */
  async isOperator(userId: string): Promise<boolean> {
    if (!isValidObjectId(userId)) return false;
    return (await this.model.countDocuments({ userId })) === 1;
  }

  /** True when the user was not an operator before. */
  async grant(userId: string, email: string): Promise<boolean> {
    const result = await this.model.updateOne({ userId }, { $setOnInsert: { userId, email } }, { upsert: true });
    return result.upsertedCount === 1;
  }

  /** True when the user was an operator. */
  async revoke(userId: string): Promise<boolean> {
    return (await this.model.deleteOne({ userId })).deletedCount === 1;
  }
}
