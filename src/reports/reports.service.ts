import { ConflictException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Principal } from '../auth/principal.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { type Page, pageOf } from '../database/pagination.js';
import { OrgAccess } from '../orgs/org-access.js';
import { QueueProducer } from '../queues/queue-producer.js';
import type { CreateReportBody } from './dto/create-report.dto.js';
import type { ReportRecord } from './report.schema.js';
import { ReportFiles } from './report-files.js';
import { reportView } from './report-views.js';
import { ReportsRepository } from './reports.repository.js';

type ReportView = ReturnType<typeof reportView>;

/** Reports hold delivery and audit data, so every action needs the admin role (or a reports:* key). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly files: ReportFiles,
    private readonly access: OrgAccess,
    private readonly producer: QueueProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(principal: Principal, orgId: string, body: CreateReportBody): Promise<ReportView> {
    const grant = await this.access.require(principal, orgId, { role: 'admin', scope: 'reports:write' });
    const report = await this.reports.create(grant.orgId, {
      requestedBy: principal.kind === 'user' ? new Types.ObjectId(principal.userId) : null,
      type: body.type,
      format: body.format,
      filters: {
        from: new Date(body.from),
        to: new Date(body.to),
        endpointId: body.endpointId?.toLowerCase() ?? null,
        outcome: body.outcome ?? null,
      },
      notify: body.notify && principal.kind === 'user',
    });
    const reportId = report._id.toHexString();
    await this.producer.enqueue(
      { queue: 'report', name: 'generate', data: { orgId: grant.orgId, reportId } },
      { jobId: `report-${reportId}` },
    );
    return reportView(report);
  }

  async list(principal: Principal, orgId: string, limit: number, cursor?: string): Promise<Page<ReportView>> {
    const grant = await this.access.require(principal, orgId, { role: 'admin', scope: 'reports:read' });
    return pageOf((n) => this.reports.page(grant.orgId, n, cursor), limit, reportView);
  }

  async get(principal: Principal, orgId: string, reportId: string): Promise<ReportView> {
    return reportView(await this.find(principal, orgId, reportId, 'reports:read'));
  }

  /** The finished file, for download; 410 once it has expired. */
  async file(principal: Principal, orgId: string, reportId: string) {
    const report = await this.find(principal, orgId, reportId, 'reports:read');
    const expired = report.status === 'expired' || (report.expiresAt && report.expiresAt <= this.clock.now());
    if (report.status === 'completed' && expired) throw gone();
    if (report.status === 'expired') throw gone();
    if (report.status !== 'completed' || !report.fileId || report.bytes === null || !report.sha256)
      throw new ConflictException({
        message: `The report is ${report.status}; only a completed one can be downloaded`,
      });
    return { report, fileId: report.fileId, bytes: report.bytes, sha256: report.sha256, open: this.files };
  }

  /** Cancels a queued or running report (its worker stops and deletes the partial file); removes a finished one. */
  async remove(principal: Principal, orgId: string, reportId: string): Promise<ReportView | null> {
    const report = await this.find(principal, orgId, reportId, 'reports:write');
    const id = report._id.toHexString();
    const owner = report.orgId.toHexString();
    if (
      await this.reports.transition(owner, id, ['queued', 'running'], 'cancelled', { finishedAt: this.clock.now() })
    ) {
      return reportView((await this.reports.find(owner, id))!);
    }
    if (report.fileId) await this.files.delete(report.fileId);
    await this.reports.delete(owner, id);
    return null;
  }

  private async find(principal: Principal, orgId: string, reportId: string, scope: 'reports:read' | 'reports:write') {
    const grant = await this.access.require(principal, orgId, { role: 'admin', scope });
    const report: ReportRecord | null = await this.reports.find(grant.orgId, reportId);
    if (!report) throw new NotFoundException({ message: 'Report not found' });
    return report;
  }
}

function gone() {
  return new GoneException({ message: 'The report file has expired; create the report again' });
}
