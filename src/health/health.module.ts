import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { EmailMessage, EmailMessageSchema } from '../email/email-message.schema.js';
import { WebhookMessage, WebhookMessageSchema } from '../webhooks/outbox/webhook-message.schema.js';
import { HealthController } from './health.controller.js';
import { HealthChecks } from './health-checks.js';
import { MongoHealthIndicator } from './mongo.health.js';
import { OutboxBacklog } from './outbox-backlog.js';
import { OutboxBacklogRepository } from './outbox-backlog.repository.js';
import { Readiness } from './readiness.js';
import { RedisHealthIndicator } from './redis.health.js';

/** In the worker (an application context) the controller is inert; it serves probes on its own port. */
@Module({
  imports: [
    TerminusModule,
    MongooseModule.forFeature([
      { name: WebhookMessage.name, schema: WebhookMessageSchema },
      { name: EmailMessage.name, schema: EmailMessageSchema },
    ]),
  ],
  controllers: [HealthController],
  providers: [
    Readiness,
    HealthChecks,
    MongoHealthIndicator,
    RedisHealthIndicator,
    OutboxBacklog,
    OutboxBacklogRepository,
  ],
  exports: [Readiness, HealthChecks, TerminusModule],
})
export class HealthModule {}
