import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model, type Types } from 'mongoose';
import { newestFirst } from '../database/pagination.js';
import { Report, type ReportRecord, type ReportStatus } from './report.schema.js';

export type NewReport = Pick<Report, 'requestedBy' | 'type' | 'format' | 'filters' | 'notify'>;

/** Reports belong to an organization: every method but the expiry sweep's takes its id. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectModel(Report.name) private readonly model: Model<Report>) {}

  async create(orgId: string, report: NewReport): Promise<ReportRecord> {
    return (await this.model.create({ ...report, orgId })).toObject();
  }

  find(orgId: string, id: string): Promise<ReportRecord | null> {
    if (!isValidObjectId(id)) return Promise.resolve(null);
    return this.model.findOne({ _id: id, orgId }).lean<ReportRecord>().exec();
  }

  page(orgId: string, limit: number, before?: string): Promise<ReportRecord[]> {
    return newestFirst(this.model, { orgId }, limit, before);
  }

  /** Moves a report from one status to another; false when it was no longer in `from`. */
  async transition(
    orgId: string,
    id: string,
    from: ReportStatus[],
    to: ReportStatus,
    set: Partial<Report> = {},
  ): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: id, orgId, status: { $in: from } },
      { $set: { ...set, status: to } },
    );
    return result.modifiedCount === 1;
  }

  async progress(orgId: string, id: string, recordsRead: number, percent: number): Promise<void> {
    await this.model.updateOne({ _id: id, orgId, status: 'running' }, { $set: { recordsRead, percent } });
  }

  async setFile(orgId: string, id: string, fileId: Types.ObjectId | null): Promise<void> {
    await this.model.updateOne({ _id: id, orgId }, { $set: { fileId } });
  }

  async status(orgId: string, id: string): Promise<ReportStatus | null> {
    const found = await this.model.findOne({ _id: id, orgId }, { status: 1 }).lean<{ status: ReportStatus }>().exec();
    return found?.status ?? null;
  }

  async delete(orgId: string, id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id, orgId })).deletedCount === 1;
  }

  /** Completed reports past their expiry, for the sweep (across organizations). */
  expiredBy(
    now: Date,
    limit: number,
  ): Promise<{ _id: Types.ObjectId; orgId: Types.ObjectId; fileId: Types.ObjectId | null }[]> {
    return this.model
      .find({ status: 'completed', expiresAt: { $lte: now } }, { orgId: 1, fileId: 1 })
      .limit(limit)
      .lean<{ _id: Types.ObjectId; orgId: Types.ObjectId; fileId: Types.ObjectId | null }[]>()
      .exec();
  }
}
