import { localInputToIso } from '../shared/time-input.js';

export const REPORT_TYPES = ['webhook-deliveries', 'webhook-summary', 'audit-log'] as const;
export const REPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  'webhook-deliveries': 'Webhook deliveries',
  'webhook-summary': 'Webhook summary',
  'audit-log': 'Audit log',
};

export const REPORT_TYPE_HINTS: Record<ReportType, string> = {
  'webhook-deliveries': 'One row per delivery attempt in the range.',
  'webhook-summary': 'One row per endpoint: attempts and outcomes in the range.',
  'audit-log': "The organization's audit entries in the range.",
};

export interface ReportFormState {
  type: ReportType;
  format: ReportFormat;
  /** datetime-local values, in the reader's zone. */
  from: string;
  to: string;
}

export interface ReportBody {
  type: ReportType;
  format: ReportFormat;
  from: string;
  to: string;
}

export type ReportFieldErrors = Partial<Record<keyof ReportFormState, string>>;

const MAX_RANGE_DAYS = 366;

/** The body of `POST /orgs/:id/reports`, checked as the API checks it (src/reports/dto/create-report.dto.ts). */
export function reportBody(form: ReportFormState): { body: ReportBody } | { errors: ReportFieldErrors } {
  const errors: ReportFieldErrors = {};
  const from = localInputToIso(form.from);
  const to = localInputToIso(form.to);
  if (!from) errors.from = 'Pick the start date and time.';
  if (!to) errors.to = 'Pick the end date and time.';
  if (from && to) {
    const span = Date.parse(to) - Date.parse(from);
    if (span <= 0) errors.to = 'Must be after the start.';
    else if (span > MAX_RANGE_DAYS * 86_400_000) errors.to = `At most ${MAX_RANGE_DAYS} days after the start.`;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { body: { type: form.type, format: form.format, from: from!, to: to! } };
}
