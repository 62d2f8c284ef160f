import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { ApiError } from './contract.js';

/** What went wrong, in words for the person at the screen: the API's message, the field problems, the wait. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The API could not be reached. Check your connection and try again.';
  const fields = (error.body.details ?? []).map((d) => `${d.field} ${d.problem}`).join('; ');
  let text = fields ? `${error.message}: ${fields}.` : error.message;
  if (error.status === 429 && error.retryAfterSeconds !== null && !/\d+ ?s\b/.test(text)) {
    text += ` Try again in ${error.retryAfterSeconds} s.`;
  }
  return text;
}

export function ErrorNotice(props: { error: unknown }): VNode | null {
  if (props.error === null || props.error === undefined) return null;
  return html`<p class="notice error" role="alert">${describeError(props.error)}</p>`;
}

export function Loading(props: { what?: string }): VNode {
  return html`<p class="muted" role="status">Loading${props.what ? ` ${props.what}` : ''}…</p>`;
}

/** The values of a submitted form's named fields, as strings. */
export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(event.currentTarget as HTMLFormElement)) {
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}
