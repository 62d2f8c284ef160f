import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { QueueProducer } from '../../queues/queue-producer.js';
import { withStoredParent } from '../../tracing/trace-context.js';
import type { WebhookMessageRecord } from './webhook-message.schema.js';
import { WebhookMessagesRepository } from './webhook-messages.repository.js';

/** The job id of one attempt: the same attempt can never sit in the queue twice. */
export const attemptJobId = (messageId: string, attempt: number) => `${messageId}-${attempt}`;

/**
 * Hands due attempts to the webhook queue. Failure is fine: the message stays in the outbox and the
 * relay hands it over later, so callers never wait long for Redis.
 */
@Injectable()
export class MessageDispatcher {
  constructor(
    private readonly messages: WebhookMessagesRepository,
    private readonly producer: QueueProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async dispatch(
    message: Pick<WebhookMessageRecord, '_id' | 'attempts' | 'nextAttemptAt'> &
      Partial<Pick<WebhookMessageRecord, 'traceparent' | 'enqueuedAt'>>,
    timeoutMs = 500,
  ): Promise<boolean> {
    const messageId = message._id.toHexString();
    const attempt = message.attempts + 1;
    const delayMs = Math.max(0, message.nextAttemptAt.getTime() - this.clock.now().getTime());
    if (!(await this.producer.isConnected('webhook'))) return false;
    const jobId = attemptJobId(messageId, attempt);
    try {
      // A hand-over the relay finds lost may have left its job among the finished ones (a worker that
      // failed it, or settled nothing): under that id the job would never be added again.
      if (message.enqueuedAt) await this.producer.removeFinished('webhook', jobId, timeoutMs);
      await withStoredParent(message.traceparent, () =>
        this.producer.enqueue(
          { queue: 'webhook', name: 'deliver', data: { messageId, attempt } },
          { jobId, delayMs, timeoutMs },
        ),
      );
    } catch {
      return false;
    }
    // Only spares the relay a needless hand-over (the job id makes one harmless), so a failure here is no failure.
    await this.messages.markEnqueued(messageId, message.attempts, this.clock.now()).catch(() => undefined);
    return true;
  }
}
