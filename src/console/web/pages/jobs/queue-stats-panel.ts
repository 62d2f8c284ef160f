import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { Loading } from '../../ui.js';
import { ErrorNote, isForbidden, NotForYou } from '../shared/notices.js';
import { startPolling } from './poller.js';
import { queueRows, type QueueStatsAnswer } from './queue-rows.js';

export const QUEUE_POLL_MS = 5_000;

const COLUMNS = [
  ['waiting', 'Waiting'],
  ['active', 'Active'],
  ['delayed', 'Delayed'],
  ['failed', 'Failed'],
  ['completed', 'Completed'],
  ['oldestWaiting', 'Oldest waiting'],
  ['throughput', 'Throughput'],
  ['failureRate', 'Failure rate'],
  ['workers', 'Workers'],
] as const;

/**
 * Refreshed every few seconds; a failed refresh keeps the last numbers on screen, marked with their time.
 * Started once: the statistics are platform-wide, whichever organization is picked.
 */
export function QueueStatsPanel({ api }: { api: ApiClient }): VNode {
  const [answer, setAnswer] = useState<QueueStatsAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(
    () =>
      startPolling(async (signal) => {
        try {
          setAnswer(await api.get<QueueStatsAnswer>('/queue/stats', { signal }));
          setError(null);
        } catch (failure) {
          if (!signal.aborted) setError(failure);
        }
      }, QUEUE_POLL_MS),
    [],
  );

  if (isForbidden(error)) {
    return html`<section class="np-panel" aria-labelledby="jobs-queues-title">
      <h2 id="jobs-queues-title">Queues</h2>
      <${NotForYou}>Queue statistics need a platform operator who has passed MFA (if they have it on).<//>
    </section>`;
  }
  const rows = answer ? queueRows(answer) : [];
  return html`<section class="np-panel" aria-labelledby="jobs-queues-title">
    <h2 id="jobs-queues-title">Queues</h2>
    <p class="np-hint">
      ${answer ? `Updated ${new Date(answer.generatedAt).toLocaleTimeString()}; refreshed every ${QUEUE_POLL_MS / 1000} s. ` : ''}
      Throughput and failure rate cover the last 5 minutes.
    </p>
    ${error ? html`<${ErrorNote} error=${error} />` : null}
    ${!answer && !error ? html`<${Loading} what="queue statistics" />` : null}
    ${
      answer
        ? html`<div class="table-wrap" tabindex="0" role="group" aria-labelledby="jobs-queues-title">
            <table class="np-stack jobs-stats" data-testid="queue-stats">
              <caption class="visually-hidden">
                Jobs in each queue
              </caption>
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  ${COLUMNS.map(([, label]) => html`<th scope="col" key=${label}>${label}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${rows.map((row) =>
                  row.available
                    ? html`<tr key=${row.name}>
                        <th scope="row">
                          ${row.name}${row.paused ? html` <span class="np-hint">paused</span>` : null}
                        </th>
                        ${COLUMNS.map(([field, label]) => html`<td key=${field} data-label=${label}>${row[field]}</td>`)}
                      </tr>`
                    : html`<tr key=${row.name}>
                        <th scope="row">${row.name}</th>
                        <td colspan=${COLUMNS.length}>Unavailable: ${row.reason}</td>
                      </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : null
    }
  </section>`;
}
