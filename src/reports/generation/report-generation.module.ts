import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { EmailModule } from '../../email/email.module.js';
import { UsersModule } from '../../users/users.module.js';
import { WebhooksModule } from '../../webhooks/webhooks.module.js';
import { ReportStoreModule } from '../report-store.module.js';
import { ReportGenerator } from './report-generator.js';
import { ReportSlots } from './report-slots.js';
import { ReportSources } from './report-sources.js';

/** Running reports: only a worker that runs the report queue imports this. */
@Module({
  imports: [ReportStoreModule, WebhooksModule, AuditModule, UsersModule, EmailModule],
  providers: [ReportSources, ReportSlots, ReportGenerator],
  exports: [ReportGenerator],
})
export class ReportGenerationModule {}
