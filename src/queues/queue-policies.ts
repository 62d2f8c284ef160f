import type { JobsOptions, WorkerOptions } from 'bullmq';
import type { AppConfig } from '../config/config.js';
import type { QueueName } from '../config/env.schema.js';

const HOUR = 3_600;
const DAY = 24 * HOUR;

interface QueuePolicy {
  /** The longest one job may run; processors enforce it themselves. */
  jobTimeoutMs: number;
  defaults: JobsOptions;
}

export function queuePolicy(queue: QueueName, config: AppConfig): QueuePolicy {
  // Completed jobs are kept briefly for inspection; failed ones long enough to investigate.
  const retention = { removeOnComplete: { age: HOUR, count: 1_000 }, removeOnFail: { age: 7 * DAY, count: 10_000 } };
  switch (queue) {
    case 'email':
      return {
        // Connect, greeting and each socket wait are bounded by SMTP_TIMEOUT_MS; a send needs a few.
        jobTimeoutMs: config.email.smtpTimeoutMs * 4,
        defaults: {
          attempts: config.email.attempts,
          backoff: { type: 'exponential', delay: config.email.backoffMs },
          ...retention,
        },
      };
    case 'webhook':
      // One job per delivery attempt: the endpoint's retry schedule lives in the outbox. BullMQ's own
      // retries only cover a job that crashed (Mongo away, say) before it could record its attempt.
      return {
        jobTimeoutMs: config.webhooks.timeoutMs + 15_000,
        defaults: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...retention },
      };
    case 'workflow':
    case 'report':
      return {
        jobTimeoutMs: 5 * 60_000,
        defaults: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, ...retention },
      };
  }
}

/**
 * A running job's lock is renewed every half lockDuration, however long the job runs; when a worker
 * dies, its locks lapse and the stalled-job check hands its jobs to another worker.
 */
export function workerOptions(queue: QueueName, config: AppConfig): Partial<WorkerOptions> {
  const { stallTimeoutMs } = config.queues;
  return {
    concurrency: config.queues.concurrency[queue],
    lockDuration: stallTimeoutMs,
    stalledInterval: Math.ceil(stallTimeoutMs / 2),
    maxStalledCount: 1,
  };
}
