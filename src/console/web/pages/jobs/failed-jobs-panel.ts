import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { describeError, Loading } from '../../ui.js';
import { formatDateTime } from '../shared/format.js';
import { Empty, ErrorNote } from '../shared/notices.js';
import { type Page, pageQuery, readPages } from '../shared/read-pages.js';
import { ShowMore } from '../shared/show-more.js';
import { useLoad } from '../shared/use-load.js';
import { QUEUE_NAMES } from './queue-rows.js';

interface FailedJob {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

const PAGE_SIZE = 20;

/** One queue's failed jobs, most recently failed first, each with a retry (attempts reset). */
export function FailedJobsPanel({ api }: { api: ApiClient }): VNode {
  const [queue, setQueue] = useState<string>('webhook');
  const [pages, setPages] = useState(1);
  const [retried, setRetried] = useState<Record<string, string>>({});
  const failed = useLoad(
    (signal) =>
      readPages(
        (cursor) => api.get<Page<FailedJob>>(`/queue/${queue}/failed${pageQuery(PAGE_SIZE, cursor)}`, { signal }),
        pages,
      ),
    [queue, pages],
  );

  const retry = async (job: FailedJob) => {
    const key = `${queue}:${job.id}`;
    setRetried((r) => ({ ...r, [key]: 'Retrying…' }));
    try {
      await api.send('POST', `/queue/${queue}/jobs/${encodeURIComponent(job.id)}/retry`);
      setRetried((r) => ({ ...r, [key]: 'Waiting to run again' }));
    } catch (error) {
      setRetried((r) => ({ ...r, [key]: describeError(error) }));
    }
  };

  const jobs = failed.data?.items ?? [];
  return html`<section class="np-panel" aria-labelledby="jobs-failed-title">
    <h2 id="jobs-failed-title">Failed jobs</h2>
    <div class="row">
      <label for="jobs-failed-queue">Queue</label>
      <select
        id="jobs-failed-queue"
        value=${queue}
        onChange=${(e: Event) => {
          setQueue((e.currentTarget as HTMLSelectElement).value);
          setPages(1);
        }}
      >
        ${QUEUE_NAMES.map((name) => html`<option key=${name} value=${name}>${name}</option>`)}
      </select>
      <button class="secondary" type="button" onClick=${failed.reload} disabled=${failed.status === 'loading'}>
        Refresh
      </button>
    </div>
    ${failed.status === 'error' ? html`<${ErrorNote} error=${failed.error} onRetry=${failed.reload} />` : null}
    ${failed.status === 'loading' && !failed.data ? html`<${Loading} what="failed jobs" />` : null}
    ${failed.data && jobs.length === 0 ? html`<${Empty}>No failed jobs in the ${queue} queue.<//>` : null}
    ${
      jobs.length > 0
        ? html`<ul class="jobs-list">
            ${jobs.map((job) => {
              const state = retried[`${queue}:${job.id}`];
              return html`<li key=${job.id} class="card">
                <p><strong>${job.name}</strong> <code>${job.id}</code></p>
                <p><code>${job.failedReason || 'No reason recorded.'}</code></p>
                <p class="np-hint">
                  Failed ${formatDateTime(job.failedAt)} after ${job.attemptsMade}
                  ${job.attemptsMade === 1 ? ' attempt' : ' attempts'}
                </p>
                ${
                  state
                    ? html`<p role="status">${state}</p>`
                    : html`<button
                        class="secondary"
                        type="button"
                        onClick=${() => retry(job)}
                        aria-label=${`Retry job ${job.id}`}
                      >
                        Retry
                      </button>`
                }
              </li>`;
            })}
          </ul>`
        : null
    }
    <${ShowMore} list=${failed} label="Show more failed jobs" onMore=${() => setPages((n) => n + 1)} />
  </section>`;
}
