import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import { Link } from '../../router.js';
import { Loading } from '../../ui.js';
import { formatDateTime } from '../shared/format.js';
import { ErrorNote } from '../shared/notices.js';
import { useLoad } from '../shared/use-load.js';
import { EndpointActions } from './endpoint-actions.js';
import { MessageLog } from './message-log.js';
import { RecoverForm } from './recover-form.js';
import { takeSecret } from './secret-handoff.js';
import { SecretReveal } from './secret-reveal.js';
import { StatusBadge } from './status-badge.js';
import { SuccessRatePanel } from './success-rate-panel.js';
import { TestEvent } from './test-event.js';
import type { Endpoint, WebhookViewProps } from './webhook-types.js';

export function EndpointDetail(props: WebhookViewProps & { endpointId: string }): VNode {
  const { api, navigate, endpointId } = props;
  const endpoint = useLoad((signal) => api.get<Endpoint>(`/webhooks/${endpointId}`, { signal }), [endpointId]);
  // Taken once, on the first render after creation: a reload never shows it again.
  const [secret, setSecret] = useState(() => takeSecret(endpointId));
  const [secretIsNew, setSecretIsNew] = useState(true);
  // Bumped after anything that adds attempts, so the log, the rate and the status read again.
  const [logVersion, setLogVersion] = useState(0);
  const refresh = () => {
    setLogVersion((v) => v + 1);
    // Attempts can change the endpoint's status too (failing since, disabled).
    endpoint.reload();
  };

  const crumbs = html`<p class="np-breadcrumb"><${Link} to="/webhooks">Webhooks<//></p>`;
  if (!endpoint.data) {
    return html`<section aria-labelledby="wh-title">
      ${crumbs}
      <h1 id="wh-title">Endpoint</h1>
      ${
        endpoint.status === 'error'
          ? html`<${ErrorNote} error=${endpoint.error} onRetry=${endpoint.reload} />`
          : html`<${Loading} what="the endpoint" />`
      }
    </section>`;
  }
  const current = endpoint.data;
  return html`<section aria-labelledby="wh-title">
    ${crumbs}
    <h1 id="wh-title" class="wh-url-title">${current.url}</h1>
    <${StatusBadge} endpoint=${current} />
    ${
      secret ? html`<${SecretReveal} secret=${secret} isNew=${secretIsNew} onDismiss=${() => setSecret(null)} />` : null
    }
    <dl class="wh-facts">
      <dt>Description</dt>
      <dd>${current.description || '–'}</dd>
      <dt>Event types</dt>
      <dd>${current.eventTypes.includes('*') ? 'All event types' : current.eventTypes.join(', ')}</dd>
      <dt>Rate limit</dt>
      <dd>${current.rateLimitPerSecond === null ? 'None' : `${current.rateLimitPerSecond} a second`}</dd>
      <dt>Created</dt>
      <dd>${formatDateTime(current.createdAt)}</dd>
    </dl>
    <${EndpointActions}
      api=${api}
      navigate=${navigate}
      endpoint=${current}
      onChanged=${endpoint.set}
      onSecret=${(rotated: string) => {
        setSecretIsNew(false);
        setSecret(rotated);
      }}
    />
    <${TestEvent} api=${api} endpointId=${endpointId} onSent=${refresh} />
    <${SuccessRatePanel} api=${api} endpointId=${endpointId} version=${logVersion} />
    <${RecoverForm} api=${api} endpointId=${endpointId} onRecovered=${refresh} />
    <${MessageLog} api=${api} endpointId=${endpointId} version=${logVersion} onRefresh=${refresh} />
  </section>`;
}
