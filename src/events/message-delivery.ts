import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Agent } from 'undici';
import { CLOCK, type Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { observeAttempt } from '../webhook-delivery/delivery.metrics.js';
import { sendWebhook } from '../webhook-delivery/http-sender.js';
import { classify, nextAttemptDelayMs } from '../webhook-delivery/retry-policy.js';
import { createSafeAgent } from '../webhook-delivery/safe-agent.js';
import { webhookHeaders } from '../webhook-delivery/signature.js';
import { WebhookEndpointsService } from '../webhooks/webhook-endpoints.service.js';
import { EventsRepository } from './events.repository.js';
import { MessageDispatcher } from './message-dispatcher.js';
import { WebhookAttemptsRepository } from './webhook-attempts.repository.js';
import { WebhookMessagesRepository } from './webhook-messages.repository.js';

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

/**
 * One attempt of one message: sign, POST, log the attempt, then settle the message (delivered,
 * retry later, or failed) and the endpoint's health. A job run twice finds the attempt already
 * settled and does nothing.
 */
@Injectable()
export class MessageDelivery implements OnApplicationShutdown {
  private readonly logger = new Logger(MessageDelivery.name);
  private readonly agent: Agent;

  constructor(
    private readonly messages: WebhookMessagesRepository,
    private readonly attempts: WebhookAttemptsRepository,
    private readonly events: EventsRepository,
    private readonly endpoints: WebhookEndpointsService,
    private readonly dispatcher: MessageDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.agent = createSafeAgent({ allowedCidrs: config.webhooks.allowedCidrs });
  }

  async onApplicationShutdown() {
    await this.agent.close();
  }

  async deliver(messageId: string, attempt: number, random: () => number = Math.random): Promise<DeliveryOutcome> {
    const message = await this.messages.findForDelivery(messageId);
    if (!message || message.status !== 'pending' || message.attempts + 1 !== attempt) return 'skipped';
    const orgId = message.orgId.toHexString();
    const endpointId = message.endpointId.toHexString();

    const [endpoint, event] = await Promise.all([this.endpoints.forDelivery(orgId, endpointId), this.events.findById(orgId, message.eventId.toHexString())]);
    if (!endpoint || !event || !endpoint.enabled) {
      const reason = !endpoint ? 'the endpoint was deleted' : !event ? 'the event is gone' : `the endpoint is disabled (${endpoint.disabledReason ?? 'manual'})`;
      await this.messages.finishAttempt(messageId, message.attempts, { status: 'failed', lastError: reason });
      return 'failed';
    }

    const sentAt = this.clock.now();
    const headers = { ...endpoint.headers, ...webhookHeaders(`msg_${messageId}`, Math.floor(sentAt.getTime() / 1000), event.body, endpoint.signingSecrets) };
    const result = await sendWebhook({ url: endpoint.url, headers, body: event.body, timeoutMs: this.config.webhooks.timeoutMs, agent: this.agent });
    observeAttempt(result);
    const verdict = classify(result);
    const delayMs = verdict === 'retry' ? nextAttemptDelayMs(attempt, this.config.webhooks.retryScheduleMs, random, result.retryAfterMs) : null;
    const nextAttemptAt = delayMs === null ? null : new Date(this.clock.now().getTime() + delayMs);

    await this.attempts.record(orgId, {
      endpointId: message.endpointId,
      messageId: message._id,
      attempt,
      outcome: result.outcome,
      requestHeaders: loggedHeaders(headers, endpoint.headers),
      statusCode: result.statusCode,
      responseExcerpt: result.responseExcerpt,
      error: result.error,
      durationMs: Math.round(result.durationMs),
      nextAttemptAt,
    });

    if (verdict === 'success') {
      await this.messages.finishAttempt(messageId, message.attempts, { status: 'succeeded', lastError: null });
      await this.endpoints.recordSuccess(orgId, endpointId);
      return 'delivered';
    }

    const lastError = result.error ?? `HTTP ${result.statusCode}`;
    if (verdict === 'disable') await this.endpoints.disable(orgId, endpointId, 'gone');
    else await this.noteFailure(orgId, endpointId);

    if (nextAttemptAt) {
      const settled = await this.messages.finishAttempt(messageId, message.attempts, { status: 'pending', nextAttemptAt, lastError });
      if (settled) await this.dispatcher.dispatch({ _id: message._id, attempts: message.attempts + 1, nextAttemptAt });
      return 'retrying';
    }
    await this.messages.finishAttempt(messageId, message.attempts, { status: 'failed', lastError });
    return 'failed';
  }

  /** An endpoint failing without a single success for too long is disabled; its messages are kept. */
  private async noteFailure(orgId: string, endpointId: string) {
    const now = this.clock.now();
    const { failingSince } = await this.endpoints.recordFailure(orgId, endpointId, now);
    if (now.getTime() - failingSince.getTime() >= this.config.webhooks.disableAfterMs) {
      await this.endpoints.disable(orgId, endpointId, 'failing');
      this.logger.warn({ message: 'webhook endpoint disabled after failing continuously', endpointId, failingSince });
    }
  }
}

/** The endpoint's own extra headers may carry credentials for the receiver: the log names them, no more. */
function loggedHeaders(sent: Record<string, string>, custom: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(sent).map(([name, value]) => [name, name in custom ? '[redacted]' : value]));
}
