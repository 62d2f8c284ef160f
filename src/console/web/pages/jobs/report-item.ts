import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { ApiClient } from '../../contract.js';
import { formatBytes, formatDateTime, statusPill } from '../shared/format.js';
import { ErrorNote } from '../shared/notices.js';
import { useAction } from '../shared/use-action.js';
import { REPORT_TYPE_LABELS } from './report-input.js';
import { isLive, type Report, reportFileName } from './report-types.js';

interface Props {
  api: ApiClient;
  report: Report;
  /** The report as it is now, or null once deleted. */
  onChanged: (report: Report | null, id: string) => void;
}

export function ReportItem({ api, report, onChanged }: Props): VNode {
  const { busy, failure, run } = useAction<'download' | 'remove'>();
  const live = isLive(report);

  // The download goes through the API client (it holds the token), then reaches the user as a Blob URL.
  const download = () =>
    run('download', async () => {
      const response = await api.fetchRaw(`/reports/${report.id}/download`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = reportFileName(report, response.headers.get('content-disposition'));
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  const remove = () =>
    run('remove', async () => {
      const cancelled = await api.send<Report | undefined>('DELETE', `/reports/${report.id}`);
      onChanged(cancelled ?? null, report.id);
    });

  const progressId = `jobs-report-${report.id}-progress`;
  return html`<li class="card">
    <p><strong>${REPORT_TYPE_LABELS[report.type]}</strong>, ${report.format.toUpperCase()}</p>
    <p class="np-hint">${formatDateTime(report.filters.from)} – ${formatDateTime(report.filters.to)}</p>
    <p>
      <span class=${statusPill(report.status)}>${report.status}</span>
      ${
        report.status === 'completed'
          ? ` · ${report.rows ?? 0} rows, ${formatBytes(report.bytes)} · available until ${formatDateTime(report.expiresAt)}`
          : null
      }
    </p>
    ${
      live
        ? html`<div class="jobs-progress">
            <label for=${progressId}>Progress</label>
            <progress id=${progressId} max="100" value=${report.progress.percent}>
              ${report.progress.percent} %
            </progress>
            <span>${report.progress.percent} % · ${report.progress.recordsRead} records read</span>
          </div>`
        : null
    }
    ${report.error ? html`<p class="np-bad">${report.error}</p>` : null}
    <div class="np-actions">
      ${
        report.status === 'completed'
          ? html`<button type="button" class="primary" onClick=${download} disabled=${busy !== null}>
              ${busy === 'download' ? 'Downloading…' : 'Download'}
            </button>`
          : null
      }
      <button class="secondary" type="button" onClick=${remove} disabled=${busy !== null}>
        ${busy === 'remove' ? 'Working…' : live ? 'Cancel' : 'Delete'}
      </button>
    </div>
    ${failure ? html`<${ErrorNote} error=${failure} />` : null}
  </li>`;
}
