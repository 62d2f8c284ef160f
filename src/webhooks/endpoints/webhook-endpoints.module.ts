import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SecretBox } from '../../common/crypto/secret-box.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { OrgsModule } from '../../orgs/orgs.module.js';
import { EventTypesController } from './event-types.controller.js';
import { SubscriptionsCache } from './subscriptions.cache.js';
import { WebhookAccess } from './webhook-access.js';
import { WebhookEndpoint, WebhookEndpointSchema } from './webhook-endpoint.schema.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { WebhooksController } from './webhooks.controller.js';

/** Webhook endpoints (the /webhooks routes), and what publishing and delivery need of them. */
@Module({
  imports: [OrgsModule, MongooseModule.forFeature([{ name: WebhookEndpoint.name, schema: WebhookEndpointSchema }])],
  controllers: [WebhooksController, EventTypesController],
  providers: [
    // Signing secrets are sealed with the same keys as TOTP secrets (MFA_ENCRYPTION_KEYS), under the endpoint id.
    {
      provide: SecretBox,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SecretBox(config.mfa.encryptionKeys),
    },
    WebhookEndpointsRepository,
    WebhookEndpointsService,
    SubscriptionsCache,
    WebhookAccess,
  ],
  exports: [WebhookEndpointsService, WebhookEndpointsRepository, SubscriptionsCache, SecretBox, WebhookAccess],
})
export class WebhookEndpointsModule {}
