import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { PlatformEvents } from '../../webhooks/events/platform-events.js';
import { RunStarter } from '../runs/run-starter.js';
import { FINISHED_STATUSES, type WorkflowRunRecord } from '../runs/workflow-run.schema.js';
import { type RunRef, WorkflowRunsRepository } from '../runs/workflow-runs.repository.js';
import { PermanentStepError, StepEffects } from './step-effects.js';
import { observeRunEnded, observeStep } from './workflow.metrics.js';

export type StepOutcome =
  | { kind: 'advanced' | 'finished' | 'stale' | 'cancelled' }
  /** Come back then: a delay that has not ended, or a lease another worker holds. */
  | { kind: 'park'; until: Date };

/**
 * Runs one step of a run, top to bottom: claim the run with a lease, run the step's effect, then
 * record the result and move the cursor in one update conditional on the cursor, then queue the next
 * step. A job for a cursor the run has left, or a run that has ended, does nothing.
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger(RunExecutor.name);

  constructor(
    private readonly runs: WorkflowRunsRepository,
    private readonly starter: RunStarter,
    private readonly effects: StepEffects,
    private readonly platformEvents: PlatformEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ref: RunRef, finalAttempt: boolean): Promise<StepOutcome> {
    const run = await this.runs.findById(ref.runId);
    if (
      !run ||
      run.cursor !== ref.cursor ||
      run.generation !== ref.generation ||
      FINISHED_STATUSES.includes(run.status)
    )
      return { kind: 'stale' };
    const now = this.clock.now();
    if (run.leaseUntil && run.leaseUntil > now) return { kind: 'park', until: run.leaseUntil };
    if (run.cancelRequested) return this.cancel(ref, run);
    const state = run.steps[ref.cursor]!;
    if (state.wakeAt && state.wakeAt > now) return { kind: 'park', until: state.wakeAt };

    const token = randomUUID();
    const leaseMs = this.config.queues.stallTimeoutMs;
    const claimed = await this.runs.claim(ref, token, now, leaseMs, state.startedAt ?? now);
    if (!claimed) return { kind: 'stale' };
    const type = claimed.definition[ref.cursor]!.type;
    const started = performance.now();
    let result;
    try {
      result = await this.effects.run(claimed, ref.cursor);
    } catch (error) {
      await this.attemptFailed(ref, token, claimed, error, finalAttempt);
      throw error;
    }
    if (this.config.workflows.crashAfterStep === type) process.kill(process.pid, 'SIGKILL');

    if (result.kind === 'wait') {
      await this.runs.wait(ref, token, result.until);
      observeStep(type, (performance.now() - started) / 1_000);
      return { kind: 'park', until: result.until };
    }
    const last = result.kind === 'stop' || ref.cursor + 1 >= claimed.steps.length;
    const skip = result.kind === 'stop' ? range(ref.cursor + 1, claimed.steps.length) : [];
    const next = last ? null : ref.cursor + 1;
    const moved = await this.runs.advance(ref, token, { output: result.output, now: this.clock.now(), next, skip });
    observeStep(type, (performance.now() - started) / 1_000);
    if (!moved) return { kind: 'stale' }; // the lease lapsed and another worker has taken the run on
    if (next === null) {
      observeRunEnded('succeeded');
      return { kind: 'finished' };
    }
    await this.starter.arm({ ...ref, cursor: next });
    return { kind: 'advanced' };
  }

  private async cancel(ref: RunRef, run: WorkflowRunRecord): Promise<StepOutcome> {
    if (await this.runs.finishCancelled(ref, this.clock.now(), run.steps.length)) observeRunEnded('cancelled');
    return { kind: 'cancelled' };
  }

  /**
   * With attempts left, the error is kept on the step and BullMQ retries the job with its backoff. After
   * the last one (or a failure no retry can mend) the run fails and `workflow.run.failed` is published.
   */
  private async attemptFailed(
    ref: RunRef,
    token: string,
    run: WorkflowRunRecord,
    error: unknown,
    finalAttempt: boolean,
  ): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    if (!finalAttempt && !(error instanceof PermanentStepError)) {
      await this.runs.attemptFailed(ref, token, reason);
      return;
    }
    if (!(await this.runs.fail(ref, token, reason, this.clock.now()))) return;
    observeRunEnded('failed');
    const runId = ref.runId;
    this.logger.warn({ message: 'workflow run failed', runId, step: ref.cursor, error: reason });
    await this.platformEvents.publish(run.orgId.toHexString(), 'workflow.run.failed', {
      workflowId: run.workflowId.toHexString(),
      runId,
      version: run.version,
      step: ref.cursor,
      stepType: run.definition[ref.cursor]!.type,
      error: reason,
    });
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
