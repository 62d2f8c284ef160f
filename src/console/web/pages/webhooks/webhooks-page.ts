import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { PageProps } from '../../contract.js';
import { NotForYou } from '../shared/notices.js';
import { EndpointDetail } from './endpoint-detail.js';
import { EndpointCreate, EndpointEdit } from './endpoint-editor.js';
import { EndpointList } from './endpoint-list.js';
import type { WebhookViewProps } from './webhook-types.js';

/**
 * The endpoint owner's portal. Every /webhooks route needs the admin role (members get 403), so a
 * member is told who can help instead of being shown buttons that fail.
 * Paths: `` the list, `new`, `<id>`, `<id>/edit`.
 */
export function WebhooksPage(props: PageProps): VNode {
  if (props.org.role === 'member') {
    return html`<section aria-labelledby="wh-title">
      <h1 id="wh-title">Webhooks</h1>
      <${NotForYou}>
        Webhook endpoints of ${props.org.name} are managed by its admins and owners. Ask one of them to add an endpoint
        or to change your role.
      <//>
    </section>`;
  }
  const view: WebhookViewProps = { api: props.api, navigate: (path: string) => props.navigate(path) };
  const [id = '', action = ''] = props.subPath.split('/').filter(Boolean);
  // Keyed by organization and endpoint, so switching either starts from a clean state.
  const key = `${props.org.id}:${id}`;
  if (id === '') return html`<${EndpointList} key=${key} ...${view} />`;
  if (id === 'new') return html`<${EndpointCreate} key=${key} ...${view} />`;
  if (action === 'edit') return html`<${EndpointEdit} key=${key} ...${view} endpointId=${id} />`;
  return html`<${EndpointDetail} key=${key} ...${view} endpointId=${id} />`;
}
