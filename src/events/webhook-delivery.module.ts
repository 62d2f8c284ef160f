import { Module } from '@nestjs/common';
import { EventsModule } from './events.module.js';
import { MessageDelivery } from './message-delivery.js';
import { OutboxRelay } from './outbox-relay.js';

/** Delivering webhooks: only a worker that runs the webhook queue imports this. */
@Module({
  imports: [EventsModule],
  providers: [MessageDelivery, OutboxRelay],
  exports: [MessageDelivery],
})
export class WebhookDeliveryModule {}
