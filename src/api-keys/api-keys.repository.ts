import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ApiKey, type ApiKeyRecord } from './api-key.schema.js';

export type NewApiKey = Pick<ApiKey, 'name' | 'scopes' | 'prefix' | 'hash'> & { createdBy: string };

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectModel(ApiKey.name) private readonly model: Model<ApiKey>) {}

  async create(orgId: string, key: NewApiKey): Promise<ApiKeyRecord> {
    return (await this.model.create({ ...key, orgId })).toObject();
  }

  /** Newest first, revoked ones included (they show when they were revoked). */
  list(orgId: string): Promise<ApiKeyRecord[]> {
    return this.model.find({ orgId }).sort({ _id: -1 }).lean<ApiKeyRecord[]>().exec();
  }

  find(orgId: string, keyId: string): Promise<ApiKeyRecord | null> {
    return this.model.findOne({ _id: keyId, orgId }).lean<ApiKeyRecord>().exec();
  }

  /** Revokes a live key; false if there is none (unknown, another organization's, or revoked already). */
  async revoke(orgId: string, keyId: string, at: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: keyId, orgId, revokedAt: null }, { $set: { revokedAt: at } });
    return result.modifiedCount === 1;
  }

  /** The one read across organizations: a presented key names its organization only through its hash. */
  findLiveByHash(hash: string): Promise<ApiKeyRecord | null> {
    return this.model.findOne({ hash, revokedAt: null }).lean<ApiKeyRecord>().exec();
  }

  async markUsed(orgId: string, keyId: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: keyId, orgId }, { $set: { lastUsedAt: at } }, { timestamps: false });
  }
}
