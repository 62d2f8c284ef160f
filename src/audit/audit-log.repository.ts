import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { newestFirst } from '../database/pagination.js';
import { AuditEntry, type AuditEntryRecord } from './audit-entry.schema.js';

export type NewAuditEntry = Omit<AuditEntry, 'orgId' | 'at'>;

@Injectable()
export class AuditLogRepository {
  constructor(@InjectModel(AuditEntry.name) private readonly model: Model<AuditEntry>) {}

  async append(orgIds: string[], entry: NewAuditEntry): Promise<void> {
    if (orgIds.length) await this.model.insertMany(orgIds.map((orgId) => ({ ...entry, orgId })));
  }

  /** Newest first; `before` is the last id of the previous page. */
  page(orgId: string, limit: number, before?: string): Promise<AuditEntryRecord[]> {
    return newestFirst(this.model, { orgId }, limit, before);
  }

  /** Oldest first within [from, to), for a report; read in batches. */
  streamForReport(orgId: string, from: Date, to: Date, batchSize: number) {
    return this.model
      .find({ orgId, at: { $gte: from, $lt: to } })
      .sort({ _id: 1 })
      .batchSize(batchSize)
      .lean<AuditEntryRecord>()
      .cursor();
  }

  countForReport(orgId: string, from: Date, to: Date): Promise<number> {
    return this.model.countDocuments({ orgId, at: { $gte: from, $lt: to } }).exec();
  }
}
