import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';
import type { WorkflowStep, WorkflowTrigger } from './dto/workflow-definition.dto.js';

/**
 * A workflow definition. Every change of its trigger or steps makes a new `version`; a run copies the
 * steps of the version it started with, so an edit never changes a run under way.
 */
@Schema({ collection: 'workflows', timestamps: true })
export class Workflow {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: Boolean, required: true, default: true })
  enabled!: boolean;

  @Prop({ type: Number, required: true, default: 1 })
  version!: number;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  trigger!: WorkflowTrigger;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  steps!: WorkflowStep[];

  createdAt!: Date;
  updatedAt!: Date;
}

export type WorkflowRecord = Workflow & { _id: Types.ObjectId };
export const WorkflowSchema = SchemaFactory.createForClass(Workflow);
WorkflowSchema.index({ orgId: 1, 'trigger.eventType': 1 });
WorkflowSchema.index({ 'trigger.type': 1 });
