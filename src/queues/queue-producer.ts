import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { withinMs } from '../common/within-ms.js';
import type { QueueName } from '../config/env.schema.js';
import type { AppJob } from './jobs.js';

export interface EnqueueOptions {
  /** Makes enqueueing idempotent: a job with this id that still exists is not added again. */
  jobId?: string;
  delayMs?: number;
  /** How long the caller waits for Redis; the add itself may still complete later. */
  timeoutMs?: number;
}

/** The one way to put work on a queue: only members of the AppJob union are accepted. */
@Injectable()
export class QueueProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue('email') email: Queue,
    @InjectQueue('webhook') webhook: Queue,
    @InjectQueue('workflow') workflow: Queue,
    @InjectQueue('report') report: Queue,
  ) {
    this.queues = { email, webhook, workflow, report };
  }

  /** Whether the queue's Redis connection is up now; lets callers with a fallback skip a doomed wait. */
  async isConnected(queue: QueueName): Promise<boolean> {
    const client = await this.queues[queue].backend.client;
    return client.status === 'ready';
  }

  /**
   * Removes a finished (completed or failed) job, whose id BullMQ keeps for a while and would refuse to
   * reuse; a job still waiting, delayed or running is left alone. True when one was removed.
   */
  async removeFinished(queue: QueueName, jobId: string, timeoutMs = 2_000): Promise<boolean> {
    const target = this.queues[queue];
    const state = await withinMs(target.getJobState(jobId), timeoutMs, `Redis (reading a ${queue} job)`);
    if (state !== 'completed' && state !== 'failed') return false;
    return (await withinMs(target.remove(jobId), timeoutMs, `Redis (removing a ${queue} job)`)) === 1;
  }

  /** Removes a job that is not running (waiting or delayed, say); true when one was removed. */
  async remove(queue: QueueName, jobId: string, timeoutMs = 2_000): Promise<boolean> {
    return (await withinMs(this.queues[queue].remove(jobId), timeoutMs, `Redis (removing a ${queue} job)`)) === 1;
  }

  async enqueue(job: AppJob, options: EnqueueOptions = {}): Promise<string> {
    const { jobId, delayMs, timeoutMs = 2_000 } = options;
    const created = await withinMs(
      this.queues[job.queue].add(job.name, job.data, { jobId, delay: delayMs }),
      timeoutMs,
      `Redis (adding a ${job.queue} job)`,
    );
    return created.id ?? '';
  }
}
