import { WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MessageDelivery } from '../../src/events/message-delivery.js';
import type { JobOf } from '../../src/queues/jobs.js';

/** One job per attempt; retries are new, delayed jobs, scheduled from the outbox's own record. */
@Injectable()
export class WebhookProcessor extends WorkerHost {
  constructor(private readonly delivery: MessageDelivery) {
    super();
  }

  process(job: Job<JobOf<'webhook'>['data']>) {
    return this.delivery.deliver(job.data.messageId, job.data.attempt);
  }
}
