import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { EventRunTrigger } from './runs/event-run-trigger.js';
import { EventTriggeredWorkflows } from './runs/event-triggered-workflows.js';
import { RunStarter } from './runs/run-starter.js';
import { WorkflowRun, WorkflowRunSchema } from './runs/workflow-run.schema.js';
import { WorkflowRunsRepository } from './runs/workflow-runs.repository.js';
import { Workflow, WorkflowSchema } from './workflow.schema.js';
import { WorkflowsRepository } from './workflows.repository.js';

/**
 * Definitions and runs as stored, and starting runs: in the API and in every worker that publishes or
 * relays events, so whichever process fans an event out starts the runs it triggers.
 */
@Module({
  imports: [
    WebhooksModule,
    MongooseModule.forFeature([
      { name: Workflow.name, schema: WorkflowSchema },
      { name: WorkflowRun.name, schema: WorkflowRunSchema },
    ]),
  ],
  providers: [WorkflowsRepository, WorkflowRunsRepository, RunStarter, EventTriggeredWorkflows, EventRunTrigger],
  exports: [WorkflowsRepository, WorkflowRunsRepository, RunStarter],
})
export class WorkflowRunsModule {}
