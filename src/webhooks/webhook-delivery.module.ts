import { Module } from '@nestjs/common';
import { EmailModule } from '../email/email.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { UsersModule } from '../users/users.module.js';
import { MessageDelivery } from './delivery/deliver-message.js';
import { DeliveryEndpoints } from './delivery/delivery-endpoints.js';
import { EndpointDisabledNotice } from './delivery/endpoint-disabled-notice.js';
import { EndpointGate } from './delivery/endpoint-gate.js';
import { EndpointHealth } from './delivery/endpoint-health.js';
import { OutboxRelay } from './delivery/outbox-relay.js';
import { WebhooksModule } from './webhooks.module.js';

/** Delivering webhooks: only a worker that runs the webhook queue imports this. */
@Module({
  imports: [WebhooksModule, OrgsModule, UsersModule, EmailModule],
  providers: [MessageDelivery, OutboxRelay, EndpointGate, DeliveryEndpoints, EndpointHealth, EndpointDisabledNotice],
  exports: [MessageDelivery],
})
export class WebhookDeliveryModule {}
