import { ConflictException, GatewayTimeoutException, Injectable, NotFoundException } from '@nestjs/common';
import type { Job } from 'bullmq';
import { withinMs } from '../common/within-ms.js';
import type { QueueName } from '../config/env.schema.js';
import { QueueRegistry } from './queue-registry.js';
import { QUEUE_STATS_BUDGET_MS } from './queue-stats.service.js';

export interface FailedJobView {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

/** The failed jobs of a queue and the one action on them an operator needs most: try again. */
@Injectable()
export class FailedJobsService {
  constructor(private readonly queues: QueueRegistry) {}

  async list(name: QueueName, offset: number, limit: number) {
    // One more than asked tells whether another page exists.
    const jobs = await this.redis(this.queues.get(name).getJobs(['failed'], offset, offset + limit, false));
    const items = jobs.slice(0, limit).map(view);
    return { items, nextCursor: jobs.length > limit ? String(offset + limit) : null };
  }

  async retry(name: QueueName, jobId: string): Promise<{ id: string; state: 'waiting' }> {
    const job = await this.redis(this.queues.get(name).getJob(jobId));
    if (!job) throw new NotFoundException({ message: `No job ${jobId} in the ${name} queue` });
    const state = await this.redis(job.getState());
    if (state !== 'failed') throw new ConflictException({ message: `The job is ${state}, not failed` });
    // Of two retries at once BullMQ's script lets one through; the other finds the job moved on.
    await this.redis(job.retry('failed')).catch((error: unknown) => {
      if (error instanceof Error && /is not in the failed state|Missing key/.test(error.message))
        throw new ConflictException({ message: 'The job is no longer failed' });
      throw error;
    });
    return { id: jobId, state: 'waiting' };
  }

  private redis<T>(work: Promise<T>): Promise<T> {
    return withinMs(work, QUEUE_STATS_BUDGET_MS * 2, 'Redis').catch((error: unknown) => {
      if (error instanceof Error && error.message.includes('did not answer'))
        throw new GatewayTimeoutException({ message: 'The queue store did not answer in time' });
      throw error;
    });
  }
}

function view(job: Job): FailedJobView {
  return {
    id: job.id ?? '',
    name: job.name,
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
