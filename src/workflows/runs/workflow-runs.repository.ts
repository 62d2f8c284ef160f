import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { isDuplicateKey } from '../../database/mongo-errors.js';
import { newestFirst } from '../../database/pagination.js';
import { type RunStatus, type StepState, WorkflowRun, type WorkflowRunRecord } from './workflow-run.schema.js';

export type NewWorkflowRun = Pick<
  WorkflowRun,
  'workflowId' | 'triggerKey' | 'version' | 'definition' | 'input' | 'steps'
>;

/** Where a run can still go on from (a failed run only by an explicit retry). */
const LIVE: RunStatus[] = ['pending', 'running', 'waiting'];

/** The run at this cursor and generation, as the job that names it expects. */
export interface RunRef {
  runId: string;
  cursor: number;
  generation: number;
}

const at = (cursor: number, field: keyof StepState) => `steps.${cursor}.${field}`;

/**
 * Every change of a run's progress is one update conditional on its cursor (and generation, and the
 * lease holder's token where a step is running), so two workers can never both move a run on.
 */
@Injectable()
export class WorkflowRunsRepository {
  constructor(@InjectModel(WorkflowRun.name) private readonly model: Model<WorkflowRun>) {}

  /** The new run, or null when this trigger already started one (unique per workflow and trigger). */
  async create(orgId: string, run: NewWorkflowRun & { _id: Types.ObjectId }): Promise<WorkflowRunRecord | null> {
    try {
      return (await this.model.create({ ...run, orgId })).toObject();
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  page(orgId: string, workflowId: string, status: RunStatus | undefined, limit: number, before?: string) {
    return newestFirst<WorkflowRun, WorkflowRunRecord>(
      this.model,
      { orgId, workflowId, ...(status ? { status } : {}) },
      limit,
      before,
    );
  }

  async find(orgId: string, runId: string): Promise<WorkflowRunRecord | null> {
    const found = await this.findById(runId);
    return found && found.orgId.toHexString() === orgId.toLowerCase() ? found : null;
  }

  findById(runId: string): Promise<WorkflowRunRecord | null> {
    return this.model.findById(runId).lean<WorkflowRunRecord>().exec();
  }

  /** Takes the lease on the run's current step, if nobody else holds a live one and it was not cancelled. */
  claim(ref: RunRef, token: string, now: Date, leaseMs: number, startedAt: Date): Promise<WorkflowRunRecord | null> {
    return this.model
      .findOneAndUpdate(
        {
          ...this.current(ref),
          status: { $in: LIVE },
          cancelRequested: false,
          $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
        },
        {
          $set: {
            status: 'running',
            leaseToken: token,
            leaseUntil: new Date(now.getTime() + leaseMs),
            [at(ref.cursor, 'status')]: 'running',
            [at(ref.cursor, 'startedAt')]: startedAt,
          },
          $inc: { [at(ref.cursor, 'attempts')]: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<WorkflowRunRecord>()
      .exec();
  }

  /** The current step starts (or goes on) waiting until `wakeAt`; the lease is given back. */
  async wait(ref: RunRef, token: string, wakeAt: Date): Promise<boolean> {
    const set = {
      status: 'waiting',
      wakeAt,
      [at(ref.cursor, 'status')]: 'waiting',
      [at(ref.cursor, 'wakeAt')]: wakeAt,
    };
    return this.change(ref, token, set);
  }

  /**
   * Records the step's result and moves the cursor on, in one update conditional on the cursor: the run
   * goes on with the next step, or ends succeeded (the steps after a false condition skipped).
   */
  async advance(
    ref: RunRef,
    token: string,
    result: { output: Record<string, unknown>; now: Date; next: number | null; skip: number[] },
  ): Promise<boolean> {
    const { output, now, next, skip } = result;
    const set: Record<string, unknown> = {
      [at(ref.cursor, 'status')]: 'succeeded',
      [at(ref.cursor, 'output')]: output,
      [at(ref.cursor, 'error')]: null,
      [at(ref.cursor, 'endedAt')]: now,
      wakeAt: null,
      ...Object.fromEntries(skip.map((i) => [at(i, 'status'), 'skipped'])),
      ...(next === null
        ? { status: 'succeeded', cursor: ref.cursor + 1, endedAt: now }
        : { status: 'pending', cursor: next }),
    };
    return this.change(ref, token, set);
  }

  /** A failed attempt with more to come: the error is kept and the lease given back for the retry. */
  async attemptFailed(ref: RunRef, token: string, error: string): Promise<boolean> {
    return this.change(ref, token, {
      status: 'pending',
      [at(ref.cursor, 'status')]: 'pending',
      [at(ref.cursor, 'error')]: error,
    });
  }

  /** The last attempt failed: the run ends failed at this step (a retry resumes it from here). */
  async fail(ref: RunRef, token: string, error: string, now: Date): Promise<boolean> {
    return this.change(ref, token, {
      status: 'failed',
      endedAt: now,
      [at(ref.cursor, 'status')]: 'failed',
      [at(ref.cursor, 'error')]: error,
      [at(ref.cursor, 'endedAt')]: now,
    });
  }

  /** Asks a live run to stop before its next step. Null when there is no such live run. */
  requestCancel(orgId: string, runId: string): Promise<WorkflowRunRecord | null> {
    return this.model
      .findOneAndUpdate(
        { _id: runId, orgId, status: { $in: LIVE } },
        { $set: { cancelRequested: true } },
        { returnDocument: 'after' },
      )
      .lean<WorkflowRunRecord>()
      .exec();
  }

  /** Ends a run whose cancel was asked for, unless a worker holds a live lease on it (that worker ends it). */
  async finishCancelled(ref: RunRef, now: Date, steps: number): Promise<boolean> {
    const set: Record<string, unknown> = {
      status: 'cancelled',
      endedAt: now,
      wakeAt: null,
      leaseUntil: null,
      leaseToken: null,
    };
    for (let i = ref.cursor; i < steps; i++) set[at(i, 'status')] = 'cancelled';
    const result = await this.model.updateOne(
      {
        ...this.current(ref),
        status: { $in: LIVE },
        cancelRequested: true,
        $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
      },
      { $set: set },
    );
    return result.modifiedCount === 1;
  }

  /** A failed run goes on from its failed step, under a new generation (so its jobs get new ids). */
  retry(
    orgId: string,
    run: Pick<WorkflowRunRecord, '_id' | 'cursor' | 'generation'>,
  ): Promise<WorkflowRunRecord | null> {
    return this.model
      .findOneAndUpdate(
        { _id: run._id, orgId, status: 'failed', cursor: run.cursor, generation: run.generation },
        {
          $set: {
            status: 'pending',
            endedAt: null,
            [at(run.cursor, 'status')]: 'pending',
            [at(run.cursor, 'endedAt')]: null,
          },
          $inc: { generation: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<WorkflowRunRecord>()
      .exec();
  }

  /**
   * Live runs untouched since `before` whose job may be gone: pending ones, waiting ones whose wake time
   * passed before `before`, and running ones whose lease lapsed.
   */
  stale(now: Date, before: Date, limit: number): Promise<WorkflowRunRecord[]> {
    return this.model
      .find({
        updatedAt: { $lte: before },
        $or: [
          { status: 'pending' },
          { status: 'waiting', wakeAt: { $lte: before } },
          { status: 'running', leaseUntil: { $lte: now } },
        ],
      })
      .sort({ updatedAt: 1 })
      .limit(limit)
      .lean<WorkflowRunRecord[]>()
      .exec();
  }

  /** Moves updatedAt on, so the sweeper leaves a re-armed run alone for a while. */
  async touch(runId: Types.ObjectId): Promise<void> {
    await this.model.updateOne({ _id: runId }, { $set: { updatedAt: new Date() } }, { timestamps: false });
  }

  /** How many runs wait in a delay now, for the gauge. */
  countWaiting(): Promise<number> {
    return this.model.countDocuments({ status: 'waiting' }).exec();
  }

  /** Removes finished runs that ended before `before`; returns how many. */
  async deleteFinishedBefore(before: Date): Promise<number> {
    return (
      await this.model.deleteMany({ status: { $in: ['succeeded', 'failed', 'cancelled'] }, endedAt: { $lt: before } })
    ).deletedCount;
  }

  private current(ref: RunRef) {
    return { _id: ref.runId, cursor: ref.cursor, generation: ref.generation };
  }

  private async change(ref: RunRef, token: string, set: Record<string, unknown>): Promise<boolean> {
    const result = await this.model.updateOne(
      { ...this.current(ref), leaseToken: token },
      { $set: { ...set, leaseUntil: null, leaseToken: null } },
    );
    return result.modifiedCount === 1;
  }
}
