import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { PeriodicTask } from '../../common/periodic-task.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { QueueProducer } from '../../queues/queue-producer.js';
import { refOf, stepJobId } from '../runs/run-jobs.js';
import { RunStarter } from '../runs/run-starter.js';
import { WorkflowRunsRepository } from '../runs/workflow-runs.repository.js';
import { setRunsWaiting } from './workflow.metrics.js';

const BATCH = 200;

/**
 * Re-arms runs whose job is gone: a hand-over that never reached Redis, a delayed job lost with Redis's
 * data, a job a dead worker held. Job ids make a re-arm of a run whose job does exist harmless; a
 * finished job still holding the id (BullMQ would refuse it) is removed first.
 */
@Injectable()
export class RunSweeper extends PeriodicTask {
  constructor(
    private readonly runs: WorkflowRunsRepository,
    private readonly starter: RunStarter,
    private readonly producer: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(config.workflows.sweepEveryMs, 'workflow run sweep failed');
  }

  protected pass() {
    return this.sweep();
  }

  async sweep(): Promise<number> {
    const now = this.clock.now();
    const stale = await this.runs.stale(now, new Date(now.getTime() - this.config.workflows.rearmAfterMs), BATCH);
    let armed = 0;
    for (const run of stale) {
      const ref = refOf(run);
      await this.producer.removeFinished('workflow', stepJobId(ref)).catch(() => false);
      if (!(await this.starter.arm(ref))) break; // Redis is away: the next pass tries again.
      await this.runs.touch(run._id);
      armed++;
    }
    if (armed) this.logger.log({ message: 'workflow runs re-armed', count: armed });
    setRunsWaiting(await this.runs.countWaiting());
    return armed;
  }
}
