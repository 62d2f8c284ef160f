import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient, OrgChoice } from '../../contract.js';
import { Loading } from '../../ui.js';
import { Empty, ErrorNote } from '../shared/notices.js';
import { type Page, pageQuery } from '../shared/read-pages.js';
import { useLoad } from '../shared/use-load.js';
import { startPolling } from './poller.js';
import { ReportForm } from './report-form.js';
import { ReportItem } from './report-item.js';
import { isLive, type Report } from './report-types.js';

const LIST_SIZE = 10;
const PROGRESS_POLL_MS = 2_000;

/** Request a report, watch it fill, download it. Polls only while one of the listed reports is still being made. */
export function ReportsPanel({ api, org }: { api: ApiClient; org: OrgChoice }): VNode {
  const listPath = `/orgs/${org.id}/reports${pageQuery(LIST_SIZE, null)}`;
  const list = useLoad((signal) => api.get<Page<Report>>(listPath, { signal }), [org.id]);
  const [pollError, setPollError] = useState<unknown>(null);
  const reports = list.data?.items ?? [];
  const live = reports.some(isLive);

  useEffect(() => {
    if (!live) return undefined;
    return startPolling(async (signal) => {
      try {
        list.set(await api.get<Page<Report>>(listPath, { signal }));
        setPollError(null);
      } catch (error) {
        if (!signal.aborted) setPollError(error);
      }
    }, PROGRESS_POLL_MS);
    // Restarted only when polling becomes needed or stops being needed.
  }, [live, listPath]);

  const requested = (report: Report) =>
    list.set({ items: [report, ...reports].slice(0, LIST_SIZE), nextCursor: list.data?.nextCursor ?? null });
  const replaced = (report: Report | null, id: string) =>
    list.set({
      items: report ? reports.map((r) => (r.id === id ? report : r)) : reports.filter((r) => r.id !== id),
      nextCursor: list.data?.nextCursor ?? null,
    });

  return html`<section class="np-panel" aria-labelledby="jobs-reports-title">
    <h2 id="jobs-reports-title">Reports</h2>
    <${ReportForm} api=${api} orgId=${org.id} onRequested=${requested} />
    <h3>Recent reports</h3>
    ${list.status === 'error' ? html`<${ErrorNote} error=${list.error} onRetry=${list.reload} />` : null}
    ${pollError ? html`<${ErrorNote} error=${pollError} />` : null}
    ${list.status === 'loading' && !list.data ? html`<${Loading} what="reports" />` : null}
    ${list.data && reports.length === 0 ? html`<${Empty}>No reports yet.<//>` : null}
    ${
      reports.length > 0
        ? html`<ul class="jobs-list">
            ${reports.map((report) => html`<${ReportItem} key=${report.id} api=${api} report=${report} onChanged=${replaced} />`)}
          </ul>`
        : null
    }
  </section>`;
}
