import { Logger } from '@nestjs/common';
import { Worker } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordJobMetrics } from './job.metrics.js';
import { countJobEnds } from './job-end-counter.js';

/**
 * BullMQ's close() can wait forever on a connection that is between reconnect attempts after a
 * Redis outage (taskforcesh/bullmq#4656). Once this worker runs no job there is nothing left to
 * protect, so close() gives up waiting on connections after this long.
 */
const CLOSE_GRACE_MS = 2_000;

/**
 * A BullMQ worker whose close() waits for its active jobs, but never forever for its sockets. Every
 * worker of the process is one of these, so job metrics are recorded here, for all queues at once.
 */
export class DrainingWorker extends Worker {
  private readonly drainLogger = new Logger('DrainingWorker');
  private activeJobs = 0;
  private idleWaiters: (() => void)[] = [];
  private bounded?: Promise<void>;

  constructor(...args: ConstructorParameters<typeof Worker>) {
    super(...args);
    recordJobMetrics(this);
    countJobEnds(this);
  }

  // Counted around the processor itself: a job that parks itself (DelayedError) ends with no event.
  protected override async callProcessJob(
    ...args: Parameters<Worker['callProcessJob']>
  ): ReturnType<Worker['callProcessJob']> {
    this.activeJobs++;
    try {
      return await super.callProcessJob(...args);
    } finally {
      this.jobEnded();
    }
  }

  override close(force = false): Promise<void> {
    const closed = super.close(force).then(() => true);
    this.bounded ??= Promise.race([closed, this.idle().then(() => sleep(CLOSE_GRACE_MS, false))]).then((clean) => {
      if (!clean)
        this.drainLogger.warn({
          message: 'no job running; not waiting longer for queue connections to close',
          queue: this.name,
        });
    });
    return this.bounded;
  }

  private jobEnded() {
    this.activeJobs = Math.max(0, this.activeJobs - 1);
    if (this.activeJobs === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private idle(): Promise<void> {
    return this.activeJobs === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
