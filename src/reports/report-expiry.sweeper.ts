import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { PeriodicTask } from '../common/periodic-task.js';
import { ReportFiles } from './report-files.js';
import { ReportsRepository } from './reports.repository.js';

const EVERY_MS = 60_000;
const BATCH = 100;

/** Deletes the files of reports past their expiry and marks them expired (downloads answer 410 from then on). */
@Injectable()
export class ReportExpirySweeper extends PeriodicTask {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly files: ReportFiles,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(EVERY_MS, 'could not sweep expired reports');
  }

  async pass(): Promise<number> {
    const expired = await this.reports.expiredBy(this.clock.now(), BATCH);
    for (const report of expired) {
      const orgId = report.orgId.toHexString();
      const id = report._id.toHexString();
      if (report.fileId) await this.files.delete(report.fileId);
      await this.reports.transition(orgId, id, ['completed'], 'expired', { fileId: null });
    }
    return expired.length;
  }
}
