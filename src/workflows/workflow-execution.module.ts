import { Module } from '@nestjs/common';
import { EmailModule } from '../email/email.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { RunExecutor } from './execution/run-executor.js';
import { RunSweeper } from './execution/run-sweeper.js';
import { StepEffects } from './execution/step-effects.js';
import { WorkflowRunsModule } from './workflow-runs.module.js';

/** Running workflow steps: only a worker that runs the workflow queue imports this. */
@Module({
  imports: [WorkflowRunsModule, WebhooksModule, EmailModule],
  providers: [RunExecutor, StepEffects, RunSweeper],
  exports: [RunExecutor],
})
export class WorkflowExecutionModule {}
