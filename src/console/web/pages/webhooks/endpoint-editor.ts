import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { Link } from '../../router.js';
import { Loading } from '../../ui.js';
import { ErrorNote } from '../shared/notices.js';
import { useLoad } from '../shared/use-load.js';
import { EndpointForm } from './endpoint-form.js';
import { EMPTY_FORM, type EndpointBody, formFromEndpoint } from './endpoint-input.js';
import { handOverSecret } from './secret-handoff.js';
import type { Endpoint, EndpointWithSecret, EventTypeEntry, WebhookViewProps } from './webhook-types.js';

// `webhook.test` goes to one endpoint when asked for, whatever it subscribes to: not a choice to offer.
const TEST_EVENT_TYPE = 'webhook.test';

function useCatalog(api: WebhookViewProps['api']) {
  return useLoad(async (signal) => {
    const { items } = await api.get<{ items: EventTypeEntry[] }>('/event-types', { signal });
    return { items: items.filter((entry) => entry.type !== TEST_EVENT_TYPE) };
  }, []);
}

export function EndpointCreate({ api, navigate }: WebhookViewProps): VNode {
  const catalog = useCatalog(api);
  const create = async (body: EndpointBody) => {
    const created = await api.send<EndpointWithSecret>('POST', '/webhooks', body);
    handOverSecret(created.id, created.secret);
    navigate(`/webhooks/${created.id}`);
  };
  return html`<section aria-labelledby="wh-title">
    <p class="np-breadcrumb"><${Link} to="/webhooks">Webhooks<//></p>
    <h1 id="wh-title">Add endpoint</h1>
    ${catalog.status === 'loading' ? html`<${Loading} what="the event types" />` : null}
    ${catalog.status === 'error' ? html`<${ErrorNote} error=${catalog.error} onRetry=${catalog.reload} />` : null}
    ${
      catalog.data
        ? html`<${EndpointForm}
            initial=${EMPTY_FORM}
            catalog=${catalog.data.items}
            submitLabel="Create endpoint"
            onSubmit=${create}
            onCancel=${() => navigate('/webhooks')}
          />`
        : null
    }
  </section>`;
}

export function EndpointEdit({ api, navigate, endpointId }: WebhookViewProps & { endpointId: string }): VNode {
  const catalog = useCatalog(api);
  const endpoint = useLoad((signal) => api.get<Endpoint>(`/webhooks/${endpointId}`, { signal }), [endpointId]);
  const save = async (body: EndpointBody) => {
    await api.send<Endpoint>('PATCH', `/webhooks/${endpointId}`, body);
    navigate(`/webhooks/${endpointId}`);
  };
  const failed = catalog.status === 'error' ? catalog : endpoint.status === 'error' ? endpoint : null;
  return html`<section aria-labelledby="wh-title">
    <p class="np-breadcrumb">
      <${Link} to="/webhooks">Webhooks<//> ›
      <${Link} to=${`/webhooks/${endpointId}`}>Endpoint<//>
    </p>
    <h1 id="wh-title">Edit endpoint</h1>
    ${failed ? html`<${ErrorNote} error=${failed.error} onRetry=${failed.reload} />` : null}
    ${!failed && (!catalog.data || !endpoint.data) ? html`<${Loading} what="the endpoint" />` : null}
    ${
      catalog.data && endpoint.data
        ? html`<${EndpointForm}
            initial=${formFromEndpoint(
              endpoint.data,
              catalog.data.items.map((entry) => entry.type),
            )}
            catalog=${catalog.data.items}
            submitLabel="Save changes"
            onSubmit=${save}
            onCancel=${() => navigate(`/webhooks/${endpointId}`)}
          />`
        : null
    }
  </section>`;
}
