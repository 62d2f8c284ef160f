import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { describeError, Loading } from '../../ui.js';
import { Empty, ErrorNote } from '../shared/notices.js';
import { pageQuery, readPages } from '../shared/read-pages.js';
import { ShowMore } from '../shared/show-more.js';
import { useLoad } from '../shared/use-load.js';
import { AttemptRow } from './attempt-row.js';
import { OUTCOME_LABELS } from './attempt-text.js';
import { type Attempt, ATTEMPT_OUTCOMES, type Page } from './webhook-types.js';

const PAGE_SIZE = 20;

interface Props {
  api: ApiClient;
  endpointId: string;
  /** Changes when attempts were added elsewhere on the page (a test event, a recovery). */
  version: number;
  /** Reads the log and everything computed from it again (the success rate too). */
  onRefresh: () => void;
}

/** Every delivery attempt, newest first, optionally of one outcome; a message can be sent again from its row. */
export function MessageLog({ api, endpointId, version, onRefresh }: Props): VNode {
  const [outcome, setOutcome] = useState('');
  const [pages, setPages] = useState(1);
  const [retried, setRetried] = useState<Record<string, string>>({});
  const log = useLoad(
    (signal) =>
      readPages(
        (cursor) =>
          api.get<Page<Attempt>>(`/webhooks/${endpointId}/logs${pageQuery(PAGE_SIZE, cursor, { outcome })}`, {
            signal,
          }),
        pages,
      ),
    [endpointId, version, outcome, pages],
  );

  const retry = async (attempt: Attempt) => {
    setRetried((r) => ({ ...r, [attempt.id]: 'Queuing…' }));
    try {
      const { requeued } = await api.send<{ requeued: boolean }>(
        'POST',
        `/webhooks/${endpointId}/attempts/${attempt.id}/retry`,
      );
      setRetried((r) => ({ ...r, [attempt.id]: requeued ? 'Queued again' : 'Already waiting to be sent' }));
      onRefresh();
    } catch (error) {
      setRetried((r) => ({ ...r, [attempt.id]: describeError(error) }));
    }
  };

  const attempts = log.data?.items ?? [];
  return html`<section class="np-panel" aria-labelledby="wh-log-title">
    <div class="np-heading">
      <h2 id="wh-log-title">Message log</h2>
      <button class="secondary" type="button" onClick=${onRefresh} disabled=${log.status === 'loading'}>Refresh</button>
    </div>
    <div class="np-field wh-log-filter">
      <label for="wh-log-outcome">Outcome</label>
      <select
        id="wh-log-outcome"
        value=${outcome}
        onChange=${(e: Event) => {
          setOutcome((e.currentTarget as HTMLSelectElement).value);
          setPages(1);
        }}
      >
        <option value="">All outcomes</option>
        ${ATTEMPT_OUTCOMES.map((o) => html`<option value=${o} key=${o}>${OUTCOME_LABELS[o]}</option>`)}
      </select>
    </div>
    ${log.status === 'error' ? html`<${ErrorNote} error=${log.error} onRetry=${log.reload} />` : null}
    ${log.status === 'loading' && !log.data ? html`<${Loading} what="the message log" />` : null}
    ${
      log.data && attempts.length === 0
        ? html`<${Empty}
            >${outcome ? 'No attempts with this outcome.' : 'No delivery attempts yet. Send a test event to see one.'}<//
          >`
        : null
    }
    ${
      attempts.length > 0
        ? html`<table class="np-stack" data-testid="message-log">
            <caption class="visually-hidden">
              Delivery attempts, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Outcome</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Attempt</th>
                <th scope="col">Response</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${attempts.map(
                (attempt) =>
                  html`<${AttemptRow}
                    key=${attempt.id}
                    attempt=${attempt}
                    retried=${retried[attempt.id]}
                    onRetry=${() => retry(attempt)}
                  />`,
              )}
            </tbody>
          </table>`
        : null
    }
    <${ShowMore}
      list=${log}
      label="Show older attempts"
      loadingLabel="Loading…"
      onMore=${() => setPages((n) => n + 1)}
    />
  </section>`;
}
