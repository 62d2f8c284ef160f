import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import { Link } from '../../router.js';
import { Loading } from '../../ui.js';
import { Empty, ErrorNote } from '../shared/notices.js';
import { useLoad } from '../shared/use-load.js';
import { StatusBadge } from './status-badge.js';
import type { Endpoint, Page, WebhookViewProps } from './webhook-types.js';

const PAGE_SIZE = 25;

export function EndpointList({ api, navigate }: WebhookViewProps): VNode {
  const first = useLoad((signal) => api.get<Page<Endpoint>>(`/webhooks?limit=${PAGE_SIZE}`, { signal }), []);
  const [more, setMore] = useState<{ items: Endpoint[]; nextCursor: string | null; error: unknown; busy: boolean }>({
    items: [],
    nextCursor: null,
    error: null,
    busy: false,
  });
  const cursor = more.items.length > 0 ? more.nextCursor : (first.data?.nextCursor ?? null);

  const loadMore = async () => {
    setMore((m) => ({ ...m, busy: true, error: null }));
    try {
      const page = await api.get<Page<Endpoint>>(`/webhooks?limit=${PAGE_SIZE}&cursor=${cursor}`);
      setMore((m) => ({ items: [...m.items, ...page.items], nextCursor: page.nextCursor, error: null, busy: false }));
    } catch (error) {
      setMore((m) => ({ ...m, error, busy: false }));
    }
  };

  const endpoints = [...(first.data?.items ?? []), ...more.items];
  return html`<section aria-labelledby="wh-title">
    <div class="np-heading">
      <h1 id="wh-title">Webhooks</h1>
      <button type="button" class="primary" onClick=${() => navigate('/webhooks/new')}>Add endpoint</button>
    </div>
    <p class="np-lead">Endpoints receive the organization's events, signed with their own secret.</p>
    ${first.status === 'loading' && !first.data ? html`<${Loading} what="endpoints" />` : null}
    ${first.status === 'error' ? html`<${ErrorNote} error=${first.error} onRetry=${first.reload} />` : null}
    ${
      first.status === 'ready' && endpoints.length === 0
        ? html`<${Empty}>No endpoints yet. Add one to start receiving events.<//>`
        : null
    }
    ${
      endpoints.length > 0
        ? html`<ul class="wh-list">
            ${endpoints.map(
              (endpoint) =>
                html`<li key=${endpoint.id} class="card wh-card">
                  <${Link} to=${`/webhooks/${endpoint.id}`} class="wh-card-url">${endpoint.url}<//>
                  <${StatusBadge} endpoint=${endpoint} />
                  ${endpoint.description ? html`<p>${endpoint.description}</p>` : null}
                  <p>${eventTypesSummary(endpoint.eventTypes)}</p>
                </li>`,
            )}
          </ul>`
        : null
    }
    ${more.error ? html`<${ErrorNote} error=${more.error} />` : null}
    ${
      cursor
        ? html`<button class="secondary" type="button" onClick=${loadMore} disabled=${more.busy}>
            ${more.busy ? 'Loading…' : 'Show more endpoints'}
          </button>`
        : null
    }
  </section>`;
}

function eventTypesSummary(types: string[]): string {
  if (types.includes('*')) return 'All event types';
  return types.length <= 3 ? types.join(', ') : `${types.slice(0, 3).join(', ')} and ${types.length - 3} more`;
}
