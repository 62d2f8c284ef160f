import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgsModule } from '../orgs/orgs.module.js';
import { DeliveriesController } from './deliveries/deliveries.controller.js';
import { DeliveriesService } from './deliveries/deliveries.service.js';
import { WebhookEndpointsModule } from './endpoints/webhook-endpoints.module.js';
import { WebhookEvent, WebhookEventSchema } from './events/event.schema.js';
import { EventTriggers } from './events/event-triggers.js';
import { EventsController } from './events/events.controller.js';
import { EventsRepository } from './events/events.repository.js';
import { EventsService } from './events/events.service.js';
import { EventIdempotencyKey, EventIdempotencyKeySchema } from './events/idempotency-key.schema.js';
import { PlatformEvents } from './events/platform-events.js';
import { MessageDispatcher } from './outbox/message-dispatcher.js';
import { WebhookAttempt, WebhookAttemptSchema } from './outbox/webhook-attempt.schema.js';
import { WebhookAttemptsRepository } from './outbox/webhook-attempts.repository.js';
import { WebhookMessage, WebhookMessageSchema } from './outbox/webhook-message.schema.js';
import { WebhookMessagesRepository } from './outbox/webhook-messages.repository.js';

const repositories = [EventsRepository, WebhookMessagesRepository, WebhookAttemptsRepository];

/** Publishing events into the outbox and reading deliveries: used by the API and by the worker alike. */
@Module({
  imports: [
    WebhookEndpointsModule,
    OrgsModule,
    MongooseModule.forFeature([
      { name: WebhookEvent.name, schema: WebhookEventSchema },
      { name: EventIdempotencyKey.name, schema: EventIdempotencyKeySchema },
      { name: WebhookMessage.name, schema: WebhookMessageSchema },
      { name: WebhookAttempt.name, schema: WebhookAttemptSchema },
    ]),
  ],
  controllers: [EventsController, DeliveriesController],
  providers: [...repositories, EventsService, EventTriggers, MessageDispatcher, PlatformEvents, DeliveriesService],
  exports: [...repositories, EventsService, EventTriggers, MessageDispatcher, PlatformEvents, WebhookEndpointsModule],
})
export class WebhooksModule {}
