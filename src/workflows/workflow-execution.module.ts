import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Session, SessionSchema } from '../auth/session.schema.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { EmailModule } from '../email/email.module.js';
import { Invitation, InvitationSchema } from '../invitations/invitation.schema.js';
import { InvitationsRepository } from '../invitations/invitations.repository.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { Retention } from './execution/retention.js';
import { RunExecutor } from './execution/run-executor.js';
import { RunSweeper } from './execution/run-sweeper.js';
import { ScheduleFiring } from './execution/schedule-firing.js';
import { ScheduleReconciler } from './execution/schedule-reconciler.js';
import { StepEffects } from './execution/step-effects.js';
import { WorkflowRunsModule } from './workflow-runs.module.js';

/**
 * Running workflow steps, schedules and the maintenance schedule: only a worker that runs the workflow
 * queue imports this. Retention reaches sessions and invitations through their repositories alone, not
 * their modules (which bring routes and guards).
 */
@Module({
  imports: [
    WorkflowRunsModule,
    WebhooksModule,
    EmailModule,
    MongooseModule.forFeature([
      { name: Session.name, schema: SessionSchema },
      { name: Invitation.name, schema: InvitationSchema },
    ]),
  ],
  providers: [
    RunExecutor,
    StepEffects,
    RunSweeper,
    ScheduleReconciler,
    ScheduleFiring,
    Retention,
    SessionsRepository,
    InvitationsRepository,
  ],
  exports: [RunExecutor, ScheduleFiring, Retention],
})
export class WorkflowExecutionModule {}
