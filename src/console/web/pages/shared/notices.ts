import { html } from 'htm/preact';
import type { ComponentChildren, VNode } from 'preact';
import { describeError } from './api-errors.js';

/** The loading, empty and error states every part of a page shows, worded and marked up alike. */

export function Loading({ what }: { what: string }): VNode {
  return html`<p class="np-note np-loading" role="status">Loading ${what}…</p>`;
}

export function Empty({ children }: { children: ComponentChildren }): VNode {
  return html`<p class="np-note np-empty">${children}</p>`;
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }): VNode {
  const { message, details } = describeError(error);
  return html`<div class="np-note np-error" role="alert">
    <p>${message}</p>
    ${
      details.length > 0
        ? html`<ul>
            ${details.map((line) => html`<li key=${line}>${line}</li>`)}
          </ul>`
        : null
    }
    ${onRetry ? html`<button type="button" onClick=${onRetry}>Try again</button>` : null}
  </div>`;
}

/** A part of a page the signed-in user may not use, said plainly instead of an error. */
export function NotForYou({ children }: { children: ComponentChildren }): VNode {
  return html`<p class="np-note np-not-for-you">${children}</p>`;
}
