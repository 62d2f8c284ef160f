import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model } from 'mongoose';
import { newestFirst } from '../../database/pagination.js';
import { WebhookAttempt, type WebhookAttemptRecord } from './webhook-attempt.schema.js';

@Injectable()
export class WebhookAttemptsRepository {
  constructor(@InjectModel(WebhookAttempt.name) private readonly model: Model<WebhookAttempt>) {}

  async record(orgId: string, attempt: Omit<WebhookAttempt, 'orgId' | 'createdAt'>): Promise<WebhookAttemptRecord> {
    return (await this.model.create({ ...attempt, orgId })).toObject();
  }

  findById(orgId: string, endpointId: string, attemptId: string): Promise<WebhookAttemptRecord | null> {
    if (!isValidObjectId(attemptId)) return Promise.resolve(null);
    return this.model.findOne({ _id: attemptId, orgId, endpointId }).lean<WebhookAttemptRecord>().exec();
  }

  /**
   * The first attempt logged for one message, if any yet. The endpoint in the filter lets MongoDB walk
   * the endpoint's log index (oldest first) instead of needing one of its own.
   */
  firstForMessage(orgId: string, endpointId: string, messageId: string): Promise<WebhookAttemptRecord | null> {
    if (!isValidObjectId(messageId)) return Promise.resolve(null);
    return this.model.findOne({ orgId, endpointId, messageId }).sort({ _id: 1 }).lean<WebhookAttemptRecord>().exec();
  }

  /** Newest first; `before` is the last id of the previous page. */
  page(
    orgId: string,
    endpointId: string,
    options: { limit: number; before?: string; outcome?: string },
  ): Promise<WebhookAttemptRecord[]> {
    const filter = { orgId, endpointId, ...(options.outcome ? { outcome: options.outcome } : {}) };
    return newestFirst(this.model, filter, options.limit, options.before);
  }

  /** Oldest first, for a report; read in batches, so a large range is never held in memory. */
  streamForReport(orgId: string, filter: AttemptReportFilter, batchSize: number) {
    return this.model
      .find(attemptReportQuery(orgId, filter))
      .sort({ _id: 1 })
      .batchSize(batchSize)
      .lean<WebhookAttemptRecord>()
      .cursor();
  }

  countForReport(orgId: string, filter: AttemptReportFilter): Promise<number> {
    return this.model.countDocuments(attemptReportQuery(orgId, filter)).exec();
  }
}

export interface AttemptReportFilter {
  from: Date;
  to: Date;
  endpointId?: string;
  outcome?: string;
}

function attemptReportQuery(orgId: string, filter: AttemptReportFilter): Record<string, unknown> {
  return {
    orgId,
    createdAt: { $gte: filter.from, $lt: filter.to },
    ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
  };
}
