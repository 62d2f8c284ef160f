import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { WebhookEndpointsModule } from '../webhooks/endpoints/webhook-endpoints.module.js';
import { WorkflowRunsController } from './runs/workflow-runs.controller.js';
import { WorkflowRunsService } from './runs/workflow-runs.service.js';
import { WorkflowAccess } from './workflow-access.js';
import { WorkflowRunsModule } from './workflow-runs.module.js';
import { WorkflowsController } from './workflows.controller.js';
import { WorkflowsService } from './workflows.service.js';

/** The /workflows and /workflow-runs routes (API). */
@Module({
  imports: [OrgsModule, WebhookEndpointsModule, WorkflowRunsModule],
  controllers: [WorkflowsController, WorkflowRunsController],
  providers: [WorkflowAccess, WorkflowsService, WorkflowRunsService],
})
export class WorkflowsModule {}
