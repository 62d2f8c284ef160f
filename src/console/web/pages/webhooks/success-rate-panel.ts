import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { ApiClient } from '../../contract.js';
import { Loading } from '../../ui.js';
import { formatPercent } from '../shared/format.js';
import { ErrorNote } from '../shared/notices.js';
import { pageQuery } from '../shared/read-pages.js';
import { useLoad } from '../shared/use-load.js';
import { PAGE_SIZE, successRateSince } from './delivery-stats.js';
import type { Attempt, Page } from './webhook-types.js';

/** The share of the last 24 hours' attempts that succeeded, read from the attempt log (no route counts them). */
export function SuccessRatePanel({
  api,
  endpointId,
  version,
}: {
  api: ApiClient;
  endpointId: string;
  version: number;
}): VNode {
  const rate = useLoad(
    (signal) =>
      successRateSince(
        (cursor) => api.get<Page<Attempt>>(`/webhooks/${endpointId}/logs${pageQuery(PAGE_SIZE, cursor)}`, { signal }),
        new Date(),
      ),
    [endpointId, version],
  );
  return html`<section class="np-panel" aria-labelledby="wh-rate-title">
    <h2 id="wh-rate-title">Success rate, last 24 hours</h2>
    ${rate.status === 'error' ? html`<${ErrorNote} error=${rate.error} onRetry=${rate.reload} />` : null}
    ${
      rate.data
        ? html`<p class="wh-rate">${formatPercent(rate.data.rate)}</p>
            <p class="np-hint">
              ${
                rate.data.attempts === 0
                  ? 'No delivery attempts in the last 24 hours.'
                  : `${rate.data.succeeded} of ${rate.data.attempts} attempts succeeded` +
                    (rate.data.complete ? '.' : ' (the newest attempts only; there were more).')
              }
            </p>`
        : rate.status === 'loading'
          ? html`<${Loading} what="the success rate" />`
          : null
    }
  </section>`;
}
