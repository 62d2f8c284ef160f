import { GatewayTimeoutException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Principal } from '../../auth/principal.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { pageOf } from '../../database/pagination.js';
import type { OrgHeaderValue as OrgHeader } from '../../orgs/org-header.js';
import { TEST_EVENT_TYPE } from '../endpoints/event-types.js';
import { WebhookAccess } from '../endpoints/webhook-access.js';
import { EventsService } from '../events/events.service.js';
import type { WebhookAttemptRecord } from '../outbox/webhook-attempt.schema.js';
import { WebhookAttemptsRepository } from '../outbox/webhook-attempts.repository.js';
import { WebhookMessagesRepository } from '../outbox/webhook-messages.repository.js';
import type { AttemptLogQuery } from './dto/attempt-log-query.dto.js';

export function attemptView(a: WebhookAttemptRecord) {
  return {
    id: a._id.toHexString(),
    messageId: a.messageId.toHexString(),
    attempt: a.attempt,
    outcome: a.outcome,
    statusCode: a.statusCode,
    responseExcerpt: a.responseExcerpt,
    error: a.error,
    durationMs: a.durationMs,
    requestHeaders: a.requestHeaders,
    nextAttemptAt: a.nextAttemptAt,
    createdAt: a.createdAt,
  };
}

/** What an endpoint's owner can see and redo of its deliveries. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly access: WebhookAccess,
    private readonly attempts: WebhookAttemptsRepository,
    private readonly messages: WebhookMessagesRepository,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async logs(principal: Principal, org: OrgHeader, endpointId: string, query: AttemptLogQuery) {
    const { orgId } = await this.access.endpoint(principal, org, endpointId);
    return pageOf(
      (limit) => this.attempts.page(orgId, endpointId, { limit, before: query.cursor, outcome: query.outcome }),
      query.limit,
      attemptView,
    );
  }

  /** Sends a `webhook.test` event to this endpoint only and waits for the worker's first attempt at it. */
  async test(principal: Principal, org: OrgHeader, endpointId: string) {
    const { orgId } = await this.access.endpoint(principal, org, endpointId);
    const messageId = await this.events.publishTo(orgId, endpointId, TEST_EVENT_TYPE, {
      endpointId,
      sentAt: this.clock.now().toISOString(),
    });
    const deadline = Date.now() + this.config.webhooks.timeoutMs + 5_000;
    while (Date.now() < deadline) {
      // Its own message's attempt: the endpoint's newest may be another test's, sent at the same time.
      const attempt = await this.attempts.firstForMessage(orgId, endpointId, messageId);
      if (attempt) return attemptView(attempt);
      await sleep(100);
    }
    throw new GatewayTimeoutException({
      message: 'No delivery attempt was made in time; is a webhook worker running?',
      messageId,
    });
  }

  async recover(principal: Principal, org: OrgHeader, endpointId: string, since: Date) {
    const { orgId } = await this.access.endpoint(principal, org, endpointId);
    return { requeued: await this.messages.requeueFailed(orgId, endpointId, since, this.clock.now()) };
  }

  async retryAttempt(principal: Principal, org: OrgHeader, endpointId: string, attemptId: string) {
    const { orgId } = await this.access.endpoint(principal, org, endpointId);
    const attempt = await this.attempts.findById(orgId, endpointId, attemptId);
    if (!attempt) throw new NotFoundException({ message: 'No such attempt for this endpoint' });
    const requeued = await this.messages.requeue(orgId, attempt.messageId.toHexString(), this.clock.now());
    return { messageId: attempt.messageId.toHexString(), requeued };
  }
}
