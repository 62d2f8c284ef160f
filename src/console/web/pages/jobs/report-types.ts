import type { ReportFormat, ReportType } from './report-input.js';

/** A report as `GET /orgs/:id/reports` lists it (src/reports/report-views.ts). */
export interface Report {
  id: string;
  type: ReportType;
  format: ReportFormat;
  filters: { from: string; to: string; endpointId: string | null; outcome: string | null };
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'expired';
  progress: { recordsRead: number; percent: number };
  rows: number | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
}

export const isLive = (report: Report) => report.status === 'queued' || report.status === 'running';

/** The name the API gives the file in Content-Disposition, or one of the same form. */
export function reportFileName(
  report: Pick<Report, 'id' | 'type' | 'format'>,
  contentDisposition: string | null,
): string {
  const given = contentDisposition?.match(/filename="([^"]+)"/)?.[1];
  return given ?? `${report.type}-${report.id}.${report.format}`;
}
