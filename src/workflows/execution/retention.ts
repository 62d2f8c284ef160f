import { Inject, Injectable, Logger } from '@nestjs/common';
import { SessionsRepository } from '../../auth/sessions.repository.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { EmailMessagesRepository } from '../../email/email-messages.repository.js';
import { InvitationsRepository } from '../../invitations/invitations.repository.js';
import { EventsRepository } from '../../webhooks/events/events.repository.js';
import { WebhookAttemptsRepository } from '../../webhooks/outbox/webhook-attempts.repository.js';
import { WorkflowRunsRepository } from '../runs/workflow-runs.repository.js';

const DAY_MS = 24 * 3_600_000;

/**
 * The maintenance schedule's work: removes what has outlived its use. An explicit job rather than TTL
 * indexes, which FerretDB does not have; each deletion is idempotent, so a repeated job does no harm.
 */
@Injectable()
export class Retention {
  private readonly logger = new Logger(Retention.name);

  constructor(
    private readonly attempts: WebhookAttemptsRepository,
    private readonly emails: EmailMessagesRepository,
    private readonly runs: WorkflowRunsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly sessions: SessionsRepository,
    private readonly events: EventsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async clean(): Promise<Record<string, number>> {
    const now = this.clock.now().getTime();
    const days = this.config.retentionDays;
    const before = (n: number) => new Date(now - n * DAY_MS);
    const removed = {
      webhookAttempts: await this.attempts.deleteBefore(before(days.webhookAttempts)),
      sentEmails: await this.emails.deleteSentBefore(before(days.sentEmails)),
      workflowRuns: await this.runs.deleteFinishedBefore(before(days.workflowRuns)),
      invitations: await this.invitations.deleteExpiredBefore(before(days.expired)),
      sessions: await this.sessions.deleteExpiredBefore(before(days.expired)),
      idempotencyKeys: await this.events.deleteExpiredKeysBefore(before(days.expired)),
    };
    this.logger.log({ message: 'retention clean-up done', ...removed });
    return removed;
  }
}
