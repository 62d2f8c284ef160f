import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { PageProps } from '../../contract.js';

/** Placeholder until the jobs pages land. */
export function JobsPage(_props: PageProps): VNode {
  return html`<section>
    <h1>Jobs</h1>
    <p class="muted" role="status">loading…</p>
  </section>`;
}
