import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { ErrorNote } from '../shared/notices.js';
import { TextField } from '../shared/text-field.js';
import { toLocalInput } from '../shared/time-input.js';
import {
  REPORT_FORMATS,
  REPORT_TYPE_HINTS,
  REPORT_TYPE_LABELS,
  REPORT_TYPES,
  reportBody,
  type ReportFieldErrors,
  type ReportFormState,
} from './report-input.js';
import type { Report } from './report-types.js';

const WEEK_MS = 7 * 86_400_000;

export function ReportForm({
  api,
  orgId,
  onRequested,
}: {
  api: ApiClient;
  orgId: string;
  onRequested: (report: Report) => void;
}): VNode {
  const [form, setForm] = useState<ReportFormState>(() => {
    const now = new Date();
    return {
      type: 'webhook-summary',
      format: 'csv',
      from: toLocalInput(new Date(now.getTime() - WEEK_MS)),
      to: toLocalInput(now),
    };
  });
  const [errors, setErrors] = useState<ReportFieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const update = (name: keyof ReportFormState) => (e: Event) =>
    setForm((f) => ({ ...f, [name]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const checked = reportBody(form);
    if ('errors' in checked) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      onRequested(await api.send<Report>('POST', `/orgs/${orgId}/reports`, checked.body));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return html`<form class="np-form jobs-report-form" novalidate onSubmit=${submit}>
    <div class="np-field">
      <label for="jobs-report-type">Report</label>
      <select
        id="jobs-report-type"
        aria-describedby="jobs-report-type-hint"
        value=${form.type}
        onChange=${update('type')}
      >
        ${REPORT_TYPES.map((type) => html`<option key=${type} value=${type}>${REPORT_TYPE_LABELS[type]}</option>`)}
      </select>
      <p class="np-hint" id="jobs-report-type-hint">${REPORT_TYPE_HINTS[form.type]}</p>
    </div>
    <div class="np-field">
      <label for="jobs-report-format">Format</label>
      <select id="jobs-report-format" value=${form.format} onChange=${update('format')}>
        ${REPORT_FORMATS.map((format) => html`<option key=${format} value=${format}>${format.toUpperCase()}</option>`)}
      </select>
    </div>
    <${TextField}
      id="jobs-report-from"
      label="From"
      type="datetime-local"
      value=${form.from}
      onInput=${update('from')}
      error=${errors.from}
    />
    <${TextField}
      id="jobs-report-to"
      label="To"
      type="datetime-local"
      value=${form.to}
      onInput=${update('to')}
      error=${errors.to}
    />
    <div class="np-actions">
      <button type="submit" disabled=${busy}>${busy ? 'Requesting…' : 'Request report'}</button>
    </div>
    ${failure ? html`<${ErrorNote} error=${failure} />` : null}
  </form>`;
}
