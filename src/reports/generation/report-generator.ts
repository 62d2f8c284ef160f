import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { frontendLink } from '../../common/http/frontend-link.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { EmailService } from '../../email/email.service.js';
import { UsersRepository } from '../../users/users.repository.js';
import { PlatformEvents } from '../../webhooks/events/platform-events.js';
import type { ReportRecord } from '../report.schema.js';
import { ReportFiles } from '../report-files.js';
import { ReportsRepository } from '../reports.repository.js';
import { ReportSlots } from './report-slots.js';
import { ReportSources } from './report-sources.js';
import { writeReport } from './report-writer.js';

const PROGRESS_EVERY_MS = 1_000;

export type GenerationOutcome = 'completed' | 'cancelled' | 'skipped' | 'busy';

class Cancelled extends Error {}

/**
 * One report run: source cursor → CSV/NDJSON → GridFS, recording progress and checking for a cancel
 * at most once a second. A second run of the same job does no harm: a finished report is skipped, and
 * a run that died half-way leaves a partial file that the next run deletes before starting over.
 */
@Injectable()
export class ReportGenerator {
  private readonly logger = new Logger(ReportGenerator.name);

  constructor(
    private readonly reports: ReportsRepository,
    private readonly slots: ReportSlots,
    private readonly files: ReportFiles,
    private readonly sources: ReportSources,
    private readonly platformEvents: PlatformEvents,
    private readonly users: UsersRepository,
    private readonly emails: EmailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(orgId: string, reportId: string): Promise<GenerationOutcome> {
    const report = await this.reports.find(orgId, reportId);
    if (!report || (report.status !== 'queued' && report.status !== 'running')) return 'skipped';
    if (report.status === 'queued') {
      if (!(await this.slots.claim(orgId, reportId, this.config.reports.maxRunningPerOrg))) return 'busy';
      const startedAt = this.clock.now();
      if (
        !(await this.reports.transition(orgId, reportId, ['queued'], 'running', {
          startedAt,
          recordsRead: 0,
          percent: 0,
        }))
      )
        return 'skipped';
    }
    if (report.fileId) await this.files.delete(report.fileId);
    return this.generate(report);
  }

  private async generate(report: ReportRecord): Promise<GenerationOutcome> {
    const orgId = report.orgId.toHexString();
    const reportId = report._id.toHexString();
    const source = this.sources.for(report);
    const total = await source.total();
    const upload = this.files.openUpload(orgId, reportId, `${report.type}-${reportId}.${report.format}`);
    await this.reports.setFile(orgId, reportId, upload.id);

    let read = 0;
    let lastCheck = Date.now();
    const onRead = async () => {
      read++;
      if (Date.now() - lastCheck < PROGRESS_EVERY_MS) return;
      lastCheck = Date.now();
      if ((await this.reports.status(orgId, reportId)) !== 'running') throw new Cancelled();
      await this.reports.progress(orgId, reportId, read, total ? Math.min(99, Math.floor((read / total) * 100)) : 0);
    };

    let written;
    try {
      written = await writeReport(source.rows(onRead), report.format, source.columns, upload);
    } catch (error) {
      await this.files.delete(upload.id).catch(() => undefined);
      await this.reports.setFile(orgId, reportId, null);
      if (error instanceof Cancelled) return 'cancelled';
      throw error;
    }
    const finishedAt = this.clock.now();
    const expiresAt = new Date(finishedAt.getTime() + this.config.reports.ttlMs);
    const completed = await this.reports.transition(orgId, reportId, ['running'], 'completed', {
      ...written,
      recordsRead: read,
      percent: 100,
      finishedAt,
      expiresAt,
    });
    if (!completed) {
      // Cancelled after the last check: nobody will download it.
      await this.files.delete(upload.id);
      await this.reports.setFile(orgId, reportId, null);
      return 'cancelled';
    }
    await this.announce(report, { ...written, expiresAt });
    return 'completed';
  }

  /** Marks a report whose job gave up (its last attempt failed). */
  async failed(orgId: string, reportId: string, error: string): Promise<void> {
    await this.reports.transition(orgId, reportId, ['queued', 'running'], 'failed', {
      error: error.slice(0, 500),
      finishedAt: this.clock.now(),
    });
  }

  private async announce(
    report: ReportRecord,
    result: { rows: number; bytes: number; sha256: string; expiresAt: Date },
  ) {
    const orgId = report.orgId.toHexString();
    const reportId = report._id.toHexString();
    await this.platformEvents.publish(orgId, 'report.completed', {
      reportId,
      orgId,
      type: report.type,
      format: report.format,
      rows: result.rows,
      bytes: result.bytes,
      sha256: result.sha256,
      expiresAt: result.expiresAt.toISOString(),
    });
    if (!report.notify || !report.requestedBy) return;
    try {
      const user = await this.users.findById(report.requestedBy.toHexString());
      if (!user) return;
      await this.emails.send(
        user.email,
        'report-ready',
        {
          name: user.name,
          reportType: report.type,
          reportUrl: frontendLink(this.config.auth.frontendUrl, `/reports/${reportId}`),
          expiresAt: result.expiresAt.toISOString(),
        },
        { dedupeKey: `report-ready:${reportId}` },
      );
    } catch (error) {
      this.logger.error({ message: 'could not email that a report is ready', reportId, error });
    }
  }
}
