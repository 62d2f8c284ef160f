import { WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { JobOf } from '../../src/queues/jobs.js';
import { Retention } from '../../src/workflows/execution/retention.js';
import { RunExecutor } from '../../src/workflows/execution/run-executor.js';
import { ScheduleFiring } from '../../src/workflows/execution/schedule-firing.js';
import { PermanentStepError } from '../../src/workflows/execution/step-effects.js';
import type { RunRef } from '../../src/workflows/runs/workflow-runs.repository.js';

type WorkflowJob = JobOf<'workflow'>;

/**
 * `step`: one job per step of a run (its id names run, cursor and generation). A delay, or a run another
 * worker holds, parks the same job until then without spending an attempt; a failed step is retried with
 * the queue's backoff, and the last failure fails the run. `fire`: a workflow's schedule, `maintenance`:
 * the retention clean-up, both from job schedulers.
 */
@Injectable()
export class WorkflowProcessor extends WorkerHost {
  constructor(
    private readonly executor: RunExecutor,
    private readonly firing: ScheduleFiring,
    private readonly retention: Retention,
  ) {
    super();
  }

  async process(job: Job<WorkflowJob['data'], unknown, WorkflowJob['name']>, token?: string) {
    switch (job.name) {
      case 'step':
        return this.step(job as Job<RunRef>, token);
      case 'fire': {
        // A scheduler's job carries the time it was due in `prevMillis`: the run is keyed by it.
        const fireTime = new Date(job.opts.prevMillis ?? job.timestamp);
        return this.firing.fire((job.data as { workflowId: string }).workflowId, fireTime);
      }
      case 'maintenance':
        return this.retention.clean();
    }
  }

  private async step(job: Job<RunRef>, token?: string) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let outcome;
    try {
      outcome = await this.executor.execute(job.data, finalAttempt);
    } catch (error) {
      if (error instanceof PermanentStepError) throw new UnrecoverableError(error.message);
      throw error;
    }
    if (outcome.kind !== 'park') return outcome.kind;
    await job.moveToDelayed(outcome.until.getTime(), token);
    throw new DelayedError();
  }
}
