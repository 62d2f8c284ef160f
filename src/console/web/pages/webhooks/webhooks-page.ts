import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { PageProps } from '../../contract.js';

/** Placeholder until the webhooks pages land. */
export function WebhooksPage(_props: PageProps): VNode {
  return html`<section>
    <h1>Webhooks</h1>
    <p class="muted" role="status">loading…</p>
  </section>`;
}
