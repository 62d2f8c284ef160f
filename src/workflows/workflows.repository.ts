import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { newestFirst } from '../database/pagination.js';
import { Workflow, type WorkflowRecord } from './workflow.schema.js';

export type NewWorkflow = Pick<Workflow, 'name' | 'enabled' | 'trigger' | 'steps'>;
export type WorkflowChanges = Partial<NewWorkflow>;

@Injectable()
export class WorkflowsRepository {
  constructor(@InjectModel(Workflow.name) private readonly model: Model<Workflow>) {}

  async create(orgId: string, workflow: NewWorkflow): Promise<WorkflowRecord> {
    return (await this.model.create({ ...workflow, orgId, version: 1 })).toObject();
  }

  page(orgId: string, limit: number, before?: string): Promise<WorkflowRecord[]> {
    return newestFirst(this.model, { orgId }, limit, before);
  }

  /** By _id alone, the tenant compared here: an index lookup on FerretDB too (see docs/architecture.md). */
  async find(orgId: string, workflowId: string): Promise<WorkflowRecord | null> {
    const found = await this.model.findById(workflowId).lean<WorkflowRecord>().exec();
    return found && found.orgId.toHexString() === orgId.toLowerCase() ? found : null;
  }

  /**
   * Applies the changes if the workflow is still at `version`; a change of trigger or steps makes the
   * next version. Null when it is gone or another edit came first.
   */
  update(orgId: string, workflowId: string, version: number, changes: WorkflowChanges): Promise<WorkflowRecord | null> {
    const definitionChanged = changes.trigger !== undefined || changes.steps !== undefined;
    return this.model
      .findOneAndUpdate(
        { _id: workflowId, orgId, version },
        { $set: { ...changes, ...(definitionChanged ? { version: version + 1 } : {}) } },
        { returnDocument: 'after' },
      )
      .lean<WorkflowRecord>()
      .exec();
  }

  async delete(orgId: string, workflowId: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: workflowId, orgId })).deletedCount === 1;
  }

  /** The organization's enabled workflows that events start, whatever the event type. */
  eventTriggered(orgId: string): Promise<WorkflowRecord[]> {
    return this.model.find({ orgId, enabled: true, 'trigger.type': 'event' }).lean<WorkflowRecord[]>().exec();
  }

  /** Every scheduled workflow, enabled or not, of every organization: the reconcile pass reads them all. */
  scheduled(): Promise<Pick<WorkflowRecord, '_id' | 'enabled' | 'trigger'>[]> {
    return this.model
      .find({ 'trigger.type': 'schedule' }, { enabled: 1, trigger: 1 })
      .lean<Pick<WorkflowRecord, '_id' | 'enabled' | 'trigger'>[]>()
      .exec();
  }

  /** For the worker, which holds ids only. */
  findById(workflowId: string): Promise<WorkflowRecord | null> {
    return this.model.findById(workflowId).lean<WorkflowRecord>().exec();
  }
}
