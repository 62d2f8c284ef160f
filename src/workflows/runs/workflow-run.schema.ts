import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';
import type { TriggerInput } from '../definition/placeholders.js';
import type { WorkflowStep } from '../dto/workflow-definition.dto.js';

export const RUN_STATUSES = ['pending', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A run in one of these never changes again (except a failed one, by an explicit retry). */
export const FINISHED_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export const STEP_STATUSES = ['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface StepState {
  type: WorkflowStep['type'];
  status: StepStatus;
  attempts: number;
  output: Record<string, unknown> | null;
  error: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** A delay step's end, set when it starts waiting. */
  wakeAt: Date | null;
}

/**
 * One run of a workflow: Mongo is its source of truth, Redis only wakes it up. `cursor` is the index of
 * the step to run next; every change of it is one update conditional on its current value.
 */
@Schema({ collection: 'workflow_runs', timestamps: true })
export class WorkflowRun {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  workflowId!: Types.ObjectId;

  /** What started it: `event:<id>`, `schedule:<fire time ms>` or `manual:<id>`, unique per workflow. */
  @Prop({ type: String, required: true })
  triggerKey!: string;

  @Prop({ type: Number, required: true })
  version!: number;

  /** The steps of that version. */
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  definition!: WorkflowStep[];

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  input!: TriggerInput;

  @Prop({ type: String, required: true, enum: RUN_STATUSES, default: 'pending' })
  status!: RunStatus;

  @Prop({ type: Number, required: true, default: 0 })
  cursor!: number;

  /** Bumped by a retry, so the retried step's job gets a new id (BullMQ keeps failed jobs' ids). */
  @Prop({ type: Number, required: true, default: 0 })
  generation!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  steps!: StepState[];

  /** While in the future, one worker runs the current step; `leaseToken` names which. */
  @Prop({ type: Date, default: null })
  leaseUntil!: Date | null;

  @Prop({ type: String, default: null })
  leaseToken!: string | null;

  /** The current delay's end while the run waits; the sweeper re-arms a run whose time has passed. */
  @Prop({ type: Date, default: null })
  wakeAt!: Date | null;

  @Prop({ type: Boolean, required: true, default: false })
  cancelRequested!: boolean;

  @Prop({ type: Date, default: null })
  endedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type WorkflowRunRecord = WorkflowRun & { _id: Types.ObjectId };
export const WorkflowRunSchema = SchemaFactory.createForClass(WorkflowRun);
WorkflowRunSchema.index({ workflowId: 1, triggerKey: 1 }, { unique: true });
WorkflowRunSchema.index({ orgId: 1, workflowId: 1, status: 1 });
WorkflowRunSchema.index({ status: 1, updatedAt: 1 });
