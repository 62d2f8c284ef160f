import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { queuePolicy } from '../queues/queue-policies.js';
import { EmailMessagesRepository } from './email-messages.repository.js';
import { renderEmail, UnknownTemplateError } from './email-templates.js';
import { Mailer } from './mailer.js';

export type DeliveryOutcome = 'sent' | 'skipped';

/** An error the email worker must not retry: the message can never be sent as it is. */
export class PermanentEmailError extends Error {}

/** The worker side: claim the record, render, send over SMTP, record the result. */
@Injectable()
export class EmailDelivery {
  private readonly logger = new Logger(EmailDelivery.name);

  constructor(
    private readonly messages: EmailMessagesRepository,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Safe to run twice for one email: only a queued record whose lease is free is claimed, so a
   * repeated job finds it sent (or being sent) and does nothing.
   */
  async deliver(emailId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const leaseMs = queuePolicy('email', this.config).jobTimeoutMs;
    const message = await this.messages.claim(emailId, this.clock.now(), leaseMs);
    if (!message) {
      const current = await this.messages.findById(emailId);
      this.logger.log({ message: 'email not claimed', emailId, status: current?.status ?? 'missing' });
      return 'skipped';
    }
    try {
      const rendered = renderEmail(message.template, message.variables);
      const domain = this.config.email.from.split('@').pop()?.replace(/>$/, '') ?? 'novapulse.local';
      await this.mailer.send({ ...rendered, to: message.to, messageId: `<${emailId}@${domain}>` });
    } catch (error) {
      const permanent = error instanceof UnknownTemplateError || isPermanentSmtpError(error);
      const reason = describe(error);
      await this.messages.markAttemptFailed(emailId, reason, finalAttempt || permanent);
      throw permanent ? new PermanentEmailError(reason) : error;
    }
    await this.messages.markSent(emailId, this.clock.now());
    return 'sent';
  }
}

/** SMTP 5xx replies (mailbox unknown, message refused) will not change on a retry. */
function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
