import type { ReportRecord } from './report.schema.js';

/** A report as its organization sees it; never the file id. */
export function reportView(report: ReportRecord) {
  return {
    id: report._id.toHexString(),
    type: report.type,
    format: report.format,
    filters: {
      from: report.filters.from.toISOString(),
      to: report.filters.to.toISOString(),
      endpointId: report.filters.endpointId,
      outcome: report.filters.outcome,
    },
    status: report.status,
    progress: { recordsRead: report.recordsRead, percent: report.percent },
    rows: report.rows,
    bytes: report.bytes,
    sha256: report.sha256,
    error: report.error,
    createdAt: report.createdAt.toISOString(),
    startedAt: report.startedAt?.toISOString() ?? null,
    finishedAt: report.finishedAt?.toISOString() ?? null,
    expiresAt: report.expiresAt?.toISOString() ?? null,
  };
}
