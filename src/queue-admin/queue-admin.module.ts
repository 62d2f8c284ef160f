import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module.js';
import { FailedJobsService } from './failed-jobs.service.js';
import { QueueAdminController } from './queue-admin.controller.js';
import { QueueRegistry } from './queue-registry.js';
import { QueueStatsService } from './queue-stats.service.js';

@Module({
  imports: [OperatorsModule],
  controllers: [QueueAdminController],
  providers: [QueueRegistry, QueueStatsService, FailedJobsService],
  exports: [QueueRegistry],
})
export class QueueAdminModule {}
