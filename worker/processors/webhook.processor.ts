import { WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import type { JobOf } from '../../src/queues/jobs.js';
import { MessageDelivery } from '../../src/webhooks/delivery/deliver-message.js';

/**
 * One job per attempt; retries are new, delayed jobs, scheduled from the outbox's own record. A delivery
 * its endpoint cannot take now (busy, rate-limited, circuit open) is parked: the same job is delayed,
 * freeing this worker slot for other endpoints, and no attempt is spent.
 */
@Injectable()
export class WebhookProcessor extends WorkerHost {
  constructor(private readonly delivery: MessageDelivery) {
    super();
  }

  async process(job: Job<JobOf<'webhook'>['data']>, token?: string) {
    const result = await this.delivery.deliver(job.data);
    if (result.outcome !== 'parked') return result.outcome;
    await job.moveToDelayed(Date.now() + result.waitMs, token);
    throw new DelayedError();
  }
}
