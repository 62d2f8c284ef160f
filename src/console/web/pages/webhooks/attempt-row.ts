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
  const cells: [label: string, content: unknown][] = [
    ['Time', formatDateTime(attempt.createdAt)],
    [
      'Outcome',
      html`<span class=${attempt.outcome === 'success' ? 'np-ok' : 'np-bad'}
        >${OUTCOME_LABELS[attempt.outcome]}${
          attempt.nextAttemptAt
            ? html`<span class="np-hint"> · next try ${formatDateTime(attempt.nextAttemptAt)}</span>`
            : null
        }</span
      >`,
    ],
    ['Status', attempt.statusCode ?? '–'],
    ['Duration', formatDuration(attempt.durationMs)],
    ['Attempt', `#${attempt.attempt}`],
    [
      'Response',
      response
        ? html`<details class="wh-response">
            <summary>${excerpt(response)}</summary>
            <pre>${response}</pre>
          </details>`
        : '–',
    ],
    [
      'Actions',
      retried
        ? html`<span role="status">${retried}</span>`
        : html`<button
            class="secondary"
            type="button"
            onClick=${onRetry}
            aria-label=${`Retry the message of attempt ${attempt.attempt} at ${formatDateTime(attempt.createdAt)}`}
          >
            Retry
          </button>`,
    ],
  ];
  // Each cell ends in a space, so the row's text (find in page, copy, a test reading it) keeps 200 and 15 ms apart.
  return html`<tr class=${attempt.outcome === 'success' ? 'wh-row-ok' : 'wh-row-bad'}>
    ${cells.map(([label, content]) => html`<td key=${label} data-label=${label}>${content}${' '}</td>`)}
  </tr>`;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
