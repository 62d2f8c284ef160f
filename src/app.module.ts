import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommonModule } from './common/common.module.js';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EmailModule } from './email/email.module.js';
import { HealthModule } from './health/health.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MfaModule } from './mfa/mfa.module.js';
import { OrgRoutesModule } from './orgs/org-routes.module.js';
import { QueueAdminModule } from './queue-admin/queue-admin.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RedisModule } from './redis/redis.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { WebhookEndpointsModule } from './webhooks/endpoints/webhook-endpoints.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { WorkflowsModule } from './workflows/workflows.module.js';

/** Connections and producers shared by the API and the worker. */
export function coreModules(config: AppConfig) {
  return [
    ConfigModule.forRoot(config),
    CommonModule,
    DatabaseModule,
    RedisModule,
    QueuesModule,
    HealthModule,
    MetricsModule,
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules(config),
        EmailModule,
        AuthModule,
        // After AuthModule: global guards run in the order they are registered.
        RateLimitModule,
        MfaModule,
        OrgRoutesModule,
        InvitationsModule,
        ApiKeysModule,
        // Endpoints first: the order of modules is the order of the OpenAPI document's paths.
        WebhookEndpointsModule,
        WebhooksModule,
        WorkflowsModule,
        AuditModule,
        ReportsModule,
        QueueAdminModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
