import { WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { EmailDelivery, PermanentEmailError } from '../../src/email/email-delivery.js';
import type { JobOf } from '../../src/queues/jobs.js';

@Injectable()
export class EmailProcessor extends WorkerHost {
  constructor(private readonly delivery: EmailDelivery) {
    super();
  }

  async process(job: Job<JobOf<'email'>['data']>) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await this.delivery.deliver(job.data.emailId, finalAttempt);
    } catch (error) {
      // BullMQ stops retrying on UnrecoverableError; the record already says why.
      if (error instanceof PermanentEmailError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
