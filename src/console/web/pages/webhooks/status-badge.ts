import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { endpointStatus } from './endpoint-status.js';
import type { Endpoint } from './webhook-types.js';

/** The label carries the meaning (never the colour alone); the detail says why and since when. */
export function StatusBadge({ endpoint, long = false }: { endpoint: Endpoint; long?: boolean }): VNode {
  const status = endpointStatus(endpoint);
  return html`<span class="wh-status">
    <span class=${`wh-badge wh-badge-${status.tone}`}>${status.label}</span>
    ${status.detail ? html`<span class=${long ? 'wh-status-detail' : 'wh-status-detail wh-status-short'}>${status.detail}</span>` : null}
  </span>`;
}
