import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Agent } from 'undici';
import { CLOCK, type Clock } from '../../common/clock.js';
import { SecretBox } from '../../common/crypto/secret-box.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { JobOf } from '../../queues/jobs.js';
import type { EncryptedSecret } from '../../users/user.schema.js';
import { TEST_EVENT_TYPE } from '../endpoints/event-types.js';
import { EventsRepository } from '../events/events.repository.js';
import type { AttemptResult } from '../outbox/attempt-result.js';
import { MessageDispatcher } from '../outbox/message-dispatcher.js';
import { WebhookAttemptsRepository } from '../outbox/webhook-attempts.repository.js';
import type { WebhookMessageRecord } from '../outbox/webhook-message.schema.js';
import { WebhookMessagesRepository } from '../outbox/webhook-messages.repository.js';
import { observeAttempt, observeParked } from './delivery.metrics.js';
import { DeliveryEndpoints, type EndpointForDelivery } from './delivery-endpoints.js';
import { EndpointGate, endpointHealth } from './endpoint-gate.js';
import { EndpointHealth } from './endpoint-health.js';
import { sendWebhook } from './http-sender.js';
import { classify, nextAttemptDelayMs } from './retry-policy.js';
import { createSafeAgent } from './safe-agent.js';
import { webhookHeaders } from './signature.js';

export type DeliveryOutcome =
  { outcome: 'delivered' | 'retrying' | 'failed' | 'skipped' } | { outcome: 'parked'; waitMs: number };

/**
 * One attempt of one message: pass the endpoint's gate (or park), sign, POST, log the attempt, then
 * settle the message (delivered, retry later, or failed) and the endpoint's health. A job run twice
 * finds the attempt already settled and does nothing.
 */
@Injectable()
export class MessageDelivery implements OnApplicationShutdown {
  private readonly logger = new Logger(MessageDelivery.name);
  private readonly agent: Agent;

  constructor(
    private readonly messages: WebhookMessagesRepository,
    private readonly attempts: WebhookAttemptsRepository,
    private readonly events: EventsRepository,
    private readonly endpoints: DeliveryEndpoints,
    private readonly health: EndpointHealth,
    private readonly dispatcher: MessageDispatcher,
    private readonly gate: EndpointGate,
    private readonly secretBox: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.agent = createSafeAgent({ allowedCidrs: config.webhooks.allowedCidrs });
  }

  async onApplicationShutdown() {
    await this.agent.close();
  }

  async deliver(job: JobOf<'webhook'>['data'], random: () => number = Math.random): Promise<DeliveryOutcome> {
    const message = await this.messages.findForDelivery(job.messageId);
    if (!message || message.status !== 'pending' || message.attempts + 1 !== job.attempt) return { outcome: 'skipped' };
    try {
      return await this.attempt(message, job.event, random);
    } catch (error) {
      return this.settleError(message, error, random);
    }
  }

  /** The event's body from the job when it came sealed there (and opens), else from the store. */
  private async eventBody(message: WebhookMessageRecord, sealed: EncryptedSecret | undefined) {
    const messageId = message._id.toHexString();
    if (sealed) {
      try {
        return this.secretBox.decrypt(sealed, messageId);
      } catch (error) {
        this.logger.warn({ message: 'a sealed event body did not open; reading the event', messageId, error });
      }
    }
    const event = await this.events.findById(message.orgId.toHexString(), message.eventId.toHexString());
    return event?.body ?? null;
  }

  private async attempt(
    message: WebhookMessageRecord,
    sealedEvent: EncryptedSecret | undefined,
    random: () => number,
  ): Promise<DeliveryOutcome> {
    const messageId = message._id.toHexString();
    const orgId = message.orgId.toHexString();
    const endpointId = message.endpointId.toHexString();
    const endpoint = await this.endpoints.forDelivery(orgId, endpointId);
    if (!endpoint || !endpoint.enabled) {
      const reason = endpoint
        ? `the endpoint is disabled (${endpoint.disabledReason ?? 'manual'})`
        : 'the endpoint was deleted';
      return this.fail(message, reason);
    }
    const admission = await this.gate.acquire(endpoint, { skipBreaker: message.eventType === TEST_EVENT_TYPE }, random);
    if (!admission.admitted) {
      observeParked(admission.reason);
      return { outcome: 'parked', waitMs: admission.waitMs };
    }

    let result: AttemptResult | undefined;
    try {
      const body = await this.eventBody(message, sealedEvent);
      if (body === null) return await this.fail(message, 'the event is gone');
      const headers = {
        ...endpoint.headers,
        ...webhookHeaders(
          `msg_${messageId}`,
          Math.floor(this.clock.now().getTime() / 1000),
          body,
          endpoint.signingSecrets,
        ),
      };
      result = await sendWebhook({
        url: endpoint.url,
        headers,
        body,
        timeoutMs: this.config.webhooks.timeoutMs,
        agent: this.agent,
        clock: this.clock,
      });
      observeAttempt(result);
      return await this.settle(message, endpoint, headers, result, random, body);
    } finally {
      await this.gate.release(
        endpointId,
        admission.lease,
        result ? endpointHealth(result) : 'neutral',
        result?.durationMs ?? 0,
      );
    }
  }

  /**
   * Anything that failed on this side, before or after the POST (a secret that does not open, the store
   * not answering): logged, counted and recorded as an `error` attempt, then retried on the schedule like
   * a network failure. The endpoint's health is left alone: the receiver did nothing wrong.
   */
  private async settleError(message: WebhookMessageRecord, error: unknown, random: () => number) {
    const reason = error instanceof Error ? error.message : String(error);
    const ids = { messageId: message._id.toHexString(), endpointId: message.endpointId.toHexString() };
    this.logger.error({ message: 'webhook delivery failed before an answer from the endpoint', ...ids, error });
    const result: AttemptResult = {
      outcome: 'error',
      statusCode: null,
      responseExcerpt: '',
      retryAfterMs: null,
      error: `NovaPulse could not make this attempt: ${reason}`,
      durationMs: 0,
    };
    observeAttempt(result);
    return this.settle(message, null, {}, result, random);
  }

  private async settle(
    message: WebhookMessageRecord,
    endpoint: EndpointForDelivery | null,
    headers: Record<string, string>,
    result: AttemptResult,
    random: () => number,
    body?: string,
  ): Promise<DeliveryOutcome> {
    const messageId = message._id.toHexString();
    const orgId = message.orgId.toHexString();
    const attempt = message.attempts + 1;
    const verdict = classify(result);
    const delayMs =
      verdict === 'retry'
        ? nextAttemptDelayMs(attempt, this.config.webhooks.retryScheduleMs, random, result.retryAfterMs)
        : null;
    const nextAttemptAt = delayMs === null ? null : new Date(this.clock.now().getTime() + delayMs);

    await this.attempts.record(orgId, {
      endpointId: message.endpointId,
      messageId: message._id,
      eventType: message.eventType,
      attempt,
      outcome: result.outcome,
      requestHeaders: loggedHeaders(headers, endpoint?.headers ?? {}),
      statusCode: result.statusCode,
      responseExcerpt: result.responseExcerpt,
      error: result.error,
      durationMs: Math.round(result.durationMs),
      nextAttemptAt,
    });

    if (verdict === 'success') {
      await this.messages.finishAttempt(messageId, message.attempts, { status: 'succeeded', lastError: null });
      if (endpoint) await this.health.succeeded(endpoint);
      return { outcome: 'delivered' };
    }

    const lastError = result.error ?? `HTTP ${result.statusCode}`;
    if (endpoint && verdict === 'disable') await this.health.gone(endpoint);
    else if (endpoint) await this.health.failed(endpoint);

    if (nextAttemptAt) {
      const settled = await this.messages.finishAttempt(messageId, message.attempts, {
        status: 'pending',
        nextAttemptAt,
        enqueuedAt: this.clock.now(),
        lastError,
      });
      if (settled) await this.dispatcher.handOver({ _id: message._id, attempts: attempt, nextAttemptAt }, body);
      return { outcome: 'retrying' };
    }
    await this.messages.finishAttempt(messageId, message.attempts, { status: 'failed', lastError });
    return { outcome: 'failed' };
  }

  private async fail(message: WebhookMessageRecord, reason: string): Promise<DeliveryOutcome> {
    await this.messages.finishAttempt(message._id.toHexString(), message.attempts, {
      status: 'failed',
      lastError: reason,
    });
    return { outcome: 'failed' };
  }
}

/** The endpoint's own extra headers may carry credentials for the receiver: the log names them, no more. */
function loggedHeaders(sent: Record<string, string>, custom: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(sent).map(([name, value]) => [name, name in custom ? '[redacted]' : value]));
}
