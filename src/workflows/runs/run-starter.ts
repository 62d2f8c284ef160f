import { Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { QueueProducer } from '../../queues/queue-producer.js';
import type { TriggerInput } from '../definition/placeholders.js';
import type { WorkflowRecord } from '../workflow.schema.js';
import { refOf, stepJobId } from './run-jobs.js';
import type { StepState, WorkflowRunRecord } from './workflow-run.schema.js';
import { type RunRef, WorkflowRunsRepository } from './workflow-runs.repository.js';

/**
 * Starts runs and hands their steps to the queue. The run is stored first; a hand-over that fails is
 * left to the sweeper, which re-arms runs whose job never reached Redis.
 */
@Injectable()
export class RunStarter {
  private readonly logger = new Logger(RunStarter.name);

  constructor(
    private readonly runs: WorkflowRunsRepository,
    private readonly producer: QueueProducer,
  ) {}

  /** The new run, or null when this trigger had already started one of this workflow. */
  async start(workflow: WorkflowRecord, triggerKey: string, input: TriggerInput): Promise<WorkflowRunRecord | null> {
    const steps: StepState[] = workflow.steps.map((step) => ({
      type: step.type,
      status: 'pending',
      attempts: 0,
      output: null,
      error: null,
      startedAt: null,
      endedAt: null,
      wakeAt: null,
    }));
    const run = await this.runs.create(workflow.orgId.toHexString(), {
      _id: new Types.ObjectId(),
      workflowId: workflow._id,
      triggerKey,
      version: workflow.version,
      definition: workflow.steps,
      input,
      steps,
    });
    if (run) await this.arm(refOf(run));
    return run;
  }

  /** Offers the run's current step to the queue; false when Redis did not take it (the sweeper will). */
  async arm(ref: RunRef, delayMs = 0): Promise<boolean> {
    try {
      await this.producer.enqueue(
        { queue: 'workflow', name: 'step', data: ref },
        { jobId: stepJobId(ref), delayMs, timeoutMs: 1_000 },
      );
      return true;
    } catch (error) {
      this.logger.warn({ message: 'workflow step left for the sweeper', runId: ref.runId, error });
      return false;
    }
  }
}
