import { Injectable, Logger } from '@nestjs/common';
import { isDuplicateKey } from '../database/mongo-errors.js';
import { QueueProducer } from '../queues/queue-producer.js';
import { EmailMessagesRepository } from './email-messages.repository.js';
import type { EmailTemplateName, EmailTemplateVariables } from './email-templates.js';

export const emailJobId = (emailId: string) => `email-${emailId}`;

/** The producer side: write the outbox record, then hand its id to the email queue. */
@Injectable()
export class EmailService {
  private readonly logger = new Logger(EmailService.name);

  constructor(
    private readonly messages: EmailMessagesRepository,
    private readonly producer: QueueProducer,
  ) {}

  /**
   * With a `dedupeKey`, sending again is harmless: the email already stored under the key is offered to
   * the queue again (the job id makes that idempotent) and its id returned; nothing new is stored.
   */
  async send<T extends EmailTemplateName>(
    to: string,
    template: T,
    variables: EmailTemplateVariables[T],
    options: { dedupeKey?: string } = {},
  ): Promise<string> {
    const emailId = await this.store(to, template, variables, options.dedupeKey);
    await this.enqueue(emailId);
    return emailId;
  }

  private async store<T extends EmailTemplateName>(
    to: string,
    template: T,
    variables: EmailTemplateVariables[T],
    dedupeKey: string | undefined,
  ): Promise<string> {
    try {
      return (await this.messages.create({ to, template, variables, dedupeKey }))._id.toHexString();
    } catch (error) {
      const existing = dedupeKey && isDuplicateKey(error) ? await this.messages.findByDedupeKey(dedupeKey) : null;
      if (!existing) throw error;
      return existing._id.toHexString();
    }
  }

  /**
   * Enqueueing is idempotent (the job id is the record's). When Redis is unavailable the record
   * stays queued and the outbox sweeper enqueues it later, so the caller is not failed for it.
   */
  async enqueue(emailId: string): Promise<void> {
    try {
      await this.producer.enqueue({ queue: 'email', name: 'send', data: { emailId } }, { jobId: emailJobId(emailId) });
    } catch (error) {
      this.logger.warn({ message: 'email kept in the outbox; it will be enqueued when Redis answers', emailId, error });
    }
  }
}
