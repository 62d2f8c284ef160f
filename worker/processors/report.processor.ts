import { WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import type { JobOf } from '../../src/queues/jobs.js';
import { ReportGenerator } from '../../src/reports/generation/report-generator.js';

/** While the organization already runs its share of reports, the job waits this long and tries again. */
const BUSY_WAIT_MS = 1_000;

/** One job per report; a report past its last attempt is marked failed, with the reason, for its owner. */
@Injectable()
export class ReportProcessor extends WorkerHost {
  constructor(private readonly generator: ReportGenerator) {
    super();
  }

  async process(job: Job<JobOf<'report'>['data']>, token?: string) {
    const { orgId, reportId } = job.data;
    try {
      const outcome = await this.generator.run(orgId, reportId);
      if (outcome !== 'busy') return outcome;
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
        await this.generator.failed(orgId, reportId, error instanceof Error ? error.message : String(error));
      throw error;
    }
    await job.moveToDelayed(Date.now() + BUSY_WAIT_MS, token);
    throw new DelayedError();
  }
}
