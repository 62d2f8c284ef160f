import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { formatDateTime, formatDuration } from '../shared/format.js';
import { OUTCOME_LABELS } from './attempt-text.js';
import type { Attempt } from './webhook-types.js';

/** Cells carry `data-label`, which names them when a narrow screen stacks the row. */
export function AttemptRow({
  attempt,
  retried,
  onRetry,
}: {
  attempt: Attempt;
  retried?: string;
  onRetry: () => void;
}): VNode {
  const response = attempt.responseExcerpt || attempt.error || '';
  return html`<tr class=${attempt.outcome === 'success' ? 'wh-row-ok' : 'wh-row-bad'}>
    <td data-label="Time">${formatDateTime(attempt.createdAt)}</td>
    <td data-label="Outcome">
      <span class=${attempt.outcome === 'success' ? 'np-ok' : 'np-bad'}>${OUTCOME_LABELS[attempt.outcome]}</span>
      ${attempt.nextAttemptAt ? html`<span class="np-hint"> · next try ${formatDateTime(attempt.nextAttemptAt)}</span>` : null}
    </td>
    <td data-label="Status">${attempt.statusCode ?? '–'}</td>
    <td data-label="Duration">${formatDuration(attempt.durationMs)}</td>
    <td data-label="Attempt">#${attempt.attempt}</td>
    <td data-label="Response" class="wh-response">
      ${
        response
          ? html`<details>
              <summary>${excerpt(response)}</summary>
              <pre>${response}</pre>
            </details>`
          : '–'
      }
    </td>
    <td data-label="Actions">
      ${
        retried
          ? html`<span role="status">${retried}</span>`
          : html`<button
              type="button"
              onClick=${onRetry}
              aria-label=${`Retry the message of attempt ${attempt.attempt} at ${formatDateTime(attempt.createdAt)}`}
            >
              Retry
            </button>`
      }
    </td>
  </tr>`;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
