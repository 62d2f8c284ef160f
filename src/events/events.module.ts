import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgsModule } from '../orgs/orgs.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { DeliveriesController } from './deliveries.controller.js';
import { DeliveriesService } from './deliveries.service.js';
import { EventsController } from './events.controller.js';
import { WebhookAccess } from './webhook-access.js';
import { WebhookEvent, WebhookEventSchema } from './event.schema.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { EventIdempotencyKey, EventIdempotencyKeySchema } from './idempotency-key.schema.js';
import { MessageDispatcher } from './message-dispatcher.js';
import { PlatformEvents } from './platform-events.js';
import { WebhookAttempt, WebhookAttemptSchema } from './webhook-attempt.schema.js';
import { WebhookAttemptsRepository } from './webhook-attempts.repository.js';
import { WebhookMessage, WebhookMessageSchema } from './webhook-message.schema.js';
import { WebhookMessagesRepository } from './webhook-messages.repository.js';

const repositories = [EventsRepository, WebhookMessagesRepository, WebhookAttemptsRepository];

/** Publishing events into the outbox and reading deliveries: used by the API and by the worker alike. */
@Module({
  imports: [
    WebhooksModule,
    OrgsModule,
    MongooseModule.forFeature([
      { name: WebhookEvent.name, schema: WebhookEventSchema },
      { name: EventIdempotencyKey.name, schema: EventIdempotencyKeySchema },
      { name: WebhookMessage.name, schema: WebhookMessageSchema },
      { name: WebhookAttempt.name, schema: WebhookAttemptSchema },
    ]),
  ],
  controllers: [EventsController, DeliveriesController],
  providers: [...repositories, EventsService, MessageDispatcher, PlatformEvents, WebhookAccess, DeliveriesService],
  exports: [...repositories, EventsService, MessageDispatcher, PlatformEvents, WebhooksModule],
})
export class EventsModule {}
