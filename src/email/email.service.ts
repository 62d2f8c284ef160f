import { Injectable, Logger } from '@nestjs/common';
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

  async send<T extends EmailTemplateName>(
    to: string,
    template: T,
    variables: EmailTemplateVariables[T],
    options: { dedupeKey?: string } = {},
  ): Promise<string> {
    const message = await this.messages.create({ to, template, variables, dedupeKey: options.dedupeKey });
    const emailId = message._id.toHexString();
    await this.enqueue(emailId);
    return emailId;
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
