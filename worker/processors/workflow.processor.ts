import { WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { JobOf } from '../../src/queues/jobs.js';
import { RunExecutor } from '../../src/workflows/execution/run-executor.js';
import { PermanentStepError } from '../../src/workflows/execution/step-effects.js';

/**
 * One job per step of a run (its id names run, cursor and generation). A delay, or a run another worker
 * holds, parks the same job until then without spending an attempt; a failed step is retried with the
 * queue's backoff, and the last failure fails the run.
 */
@Injectable()
export class WorkflowProcessor extends WorkerHost {
  constructor(private readonly executor: RunExecutor) {
    super();
  }

  async process(job: Job<JobOf<'workflow'>['data']>, token?: string) {
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
