import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { endpointStatus } from './endpoint-status.js';
import type { Endpoint } from './webhook-types.js';

/** The label carries the meaning (never the colour alone); the detail says why and since when. */
export function StatusBadge({ endpoint }: { endpoint: Endpoint }): VNode {
  const status = endpointStatus(endpoint);
  return html`<span class="wh-status">
    <span class=${`np-pill np-pill-${status.tone}`}>${status.label}</span>
    ${status.detail ? html`<span class="np-hint">${status.detail}</span>` : null}
  </span>`;
}
