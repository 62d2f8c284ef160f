import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { OrgReportsController } from './org-reports.controller.js';
import { ReportExpirySweeper } from './report-expiry.sweeper.js';
import { ReportStoreModule } from './report-store.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** The report routes and the expiry sweep; the reports themselves are made by the worker. */
@Module({
  imports: [ReportStoreModule, OrgsModule],
  controllers: [OrgReportsController, ReportsController],
  providers: [ReportsService, ReportExpirySweeper],
})
export class ReportsModule {}
