import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { QueueProducer } from '../../queues/queue-producer.js';
import { withStoredParent } from '../../tracing/trace-context.js';
import type { WebhookMessageRecord } from './webhook-message.schema.js';
import { WebhookMessagesRepository } from './webhook-messages.repository.js';

/** The job id of one attempt: the same attempt can never sit in the queue twice. */
export const attemptJobId = (messageId: string, attempt: number) => `${messageId}-${attempt}`;

export type DueAttempt = Pick<WebhookMessageRecord, '_id' | 'attempts' | 'nextAttemptAt'> &
  Partial<Pick<WebhookMessageRecord, 'traceparent' | 'enqueuedAt'>>;

/**
 * Hands due attempts to the webhook queue. Failure is fine: the message stays in the outbox and the
 * relay hands it over later, so callers never wait long for Redis.
 */
@Injectable()
export class MessageDispatcher {
  constructor(
    private readonly messages: WebhookMessagesRepository,
    private readonly producer: QueueProducer,
    private readonly secretBox: SecretBox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * For an attempt whose message was stored with `enqueuedAt` already set (a publish, a retry's
   * settle): saves marking it after the hand-over, and keeps the relay from handing it over meanwhile.
   * Only a hand-over Redis refused clears the mark, so the relay takes the message on its next pass.
   * `eventBody` travels sealed in the job, sparing the worker a read of the event.
   */
  async handOver(message: DueAttempt, eventBody?: string, timeoutMs = 500): Promise<boolean> {
    if (await this.enqueue(message, timeoutMs, { eventBody })) return true;
    await this.messages.clearEnqueued(message._id.toHexString(), message.attempts).catch(() => undefined);
    return false;
  }

  /** For the relay: an attempt not marked as queued (or queued long ago and lost) is marked once Redis takes it. */
  async dispatch(message: DueAttempt, timeoutMs = 500): Promise<boolean> {
    if (!(await this.enqueue(message, timeoutMs, { removeFinished: Boolean(message.enqueuedAt) }))) return false;
    // Only spares the relay a needless hand-over (the job id makes one harmless), so a failure here is no failure.
    await this.messages
      .markEnqueued(message._id.toHexString(), message.attempts, this.clock.now())
      .catch(() => undefined);
    return true;
  }

  private async enqueue(
    message: DueAttempt,
    timeoutMs: number,
    { eventBody, removeFinished = false }: { eventBody?: string; removeFinished?: boolean },
  ): Promise<boolean> {
    const messageId = message._id.toHexString();
    const attempt = message.attempts + 1;
    const delayMs = Math.max(0, message.nextAttemptAt.getTime() - this.clock.now().getTime());
    if (!(await this.producer.isConnected('webhook'))) return false;
    const jobId = attemptJobId(messageId, attempt);
    // Bound to the message id: a sealed body cannot be moved into another message's job.
    const event = eventBody === undefined ? undefined : this.secretBox.encrypt(eventBody, messageId);
    try {
      // A hand-over the relay finds lost may have left its job among the finished ones (a worker that
      // failed it, or settled nothing): under that id the job would never be added again.
      if (removeFinished) await this.producer.removeFinished('webhook', jobId, timeoutMs);
      await withStoredParent(message.traceparent, () =>
        this.producer.enqueue(
          { queue: 'webhook', name: 'deliver', data: { messageId, attempt, ...(event && { event }) } },
          { jobId, delayMs, timeoutMs },
        ),
      );
      return true;
    } catch {
      return false;
    }
  }
}
