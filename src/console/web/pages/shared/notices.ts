import { html } from 'htm/preact';
import type { ComponentChildren, VNode } from 'preact';
import { ApiError } from '../../contract.js';
import { describeError } from '../../ui.js';

/** The empty, error and "not for you" states of the webhooks and jobs pages (loading is the shell's `Loading`). */

export function Empty({ children }: { children: ComponentChildren }): VNode {
  return html`<p class="notice">${children}</p>`;
}

/** The shell's error notice, with a way to try again where a part of a page failed to load. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }): VNode {
  return html`<div class="notice error" role="alert">
    <p class="np-error-text">${describeError(error)}</p>
    ${onRetry ? html`<button type="button" class="secondary" onClick=${onRetry}>Try again</button>` : null}
  </div>`;
}

/** A part of a page the signed-in user may not use, said plainly instead of an error. */
export function NotForYou({ children }: { children: ComponentChildren }): VNode {
  return html`<p class="notice">${children}</p>`;
}

/** Whether a failure just means "not for you": the parts of a page that need a role or operator status. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
