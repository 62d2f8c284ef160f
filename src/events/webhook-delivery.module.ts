import { Module } from '@nestjs/common';
import { EmailModule } from '../email/email.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { UsersModule } from '../users/users.module.js';
import { EndpointGate } from '../webhook-delivery/endpoint-gate.js';
import { EndpointDisabledNotice } from './endpoint-disabled-notice.js';
import { EventsModule } from './events.module.js';
import { MessageDelivery } from './message-delivery.js';
import { OutboxRelay } from './outbox-relay.js';

/** Delivering webhooks: only a worker that runs the webhook queue imports this. */
@Module({
  imports: [EventsModule, OrgsModule, UsersModule, EmailModule],
  providers: [MessageDelivery, OutboxRelay, EndpointGate, EndpointDisabledNotice],
  exports: [MessageDelivery],
})
export class WebhookDeliveryModule {}
