import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model } from 'mongoose';
import { newestFirst } from '../../database/pagination.js';
import { WebhookAttempt, type WebhookAttemptRecord } from './webhook-attempt.schema.js';

type NewAttempt = Omit<WebhookAttempt, 'orgId' | 'createdAt'>;

interface Waiting {
  attempt: NewAttempt & { orgId: string };
  settle: (error?: Error) => void;
}

@Injectable()
export class WebhookAttemptsRepository {
  /** Attempts waiting for the insert in flight to finish: they go in the next one, together. */
  private waiting: Waiting[] = [];
  private inserting = false;

  constructor(@InjectModel(WebhookAttempt.name) private readonly model: Model<WebhookAttempt>) {}

  /**
   * Resolves once this attempt's log is stored. Attempts recorded while an insert is in flight are
   * stored together by the next one (group commit): one insert for many concurrent deliveries, and no
   * wait at all when nothing else is being stored.
   */
  record(orgId: string, attempt: NewAttempt): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt: { ...attempt, orgId }, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.inserting) void this.insertWaiting();
    });
  }

  private async insertWaiting(): Promise<void> {
    this.inserting = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      try {
        await this.model.insertMany(
          batch.map((w) => w.attempt),
          { ordered: false },
        );
        for (const w of batch) w.settle();
      } catch (error) {
        const failure = error instanceof Error ? error : new Error('the attempt log was not stored');
        for (const w of batch) w.settle(failure);
      }
    }
    this.inserting = false;
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

  /** Retention: attempt logs older than `before`. */
  async deleteBefore(before: Date): Promise<number> {
    return (await this.model.deleteMany({ createdAt: { $lt: before } })).deletedCount;
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
