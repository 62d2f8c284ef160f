import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { EmailMessage } from '../email/email-message.schema.js';
import { WebhookMessage } from '../webhooks/outbox/webhook-message.schema.js';

export interface OutboxCounts {
  webhook: number;
  email: number;
}

/** Counts over indexed fields ({status, nextAttemptAt} and {status, updatedAt}). */
@Injectable()
export class OutboxBacklogRepository {
  constructor(
    @InjectModel(WebhookMessage.name) private readonly webhookMessages: Model<WebhookMessage>,
    @InjectModel(EmailMessage.name) private readonly emailMessages: Model<EmailMessage>,
  ) {}

  /**
   * Webhook messages due now (scheduled retries are not backlog yet) and queued emails. Counting
   * stops at `cap`, so a count costs the same however large the backlog grows.
   */
  async pending(now: Date, cap: number): Promise<OutboxCounts> {
    const [webhook, email] = await Promise.all([
      this.webhookMessages.countDocuments({ status: 'pending', nextAttemptAt: { $lte: now } }, { limit: cap }).exec(),
      this.emailMessages.countDocuments({ status: 'queued' }, { limit: cap }).exec(),
    ]);
    return { webhook, email };
  }
}
