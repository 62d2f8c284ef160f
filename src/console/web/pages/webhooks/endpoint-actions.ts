import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { ErrorNote } from '../shared/notices.js';
import { useAction } from '../shared/use-action.js';
import type { Endpoint, EndpointWithSecret } from './webhook-types.js';

interface Props {
  api: ApiClient;
  navigate: (path: string) => void;
  endpoint: Endpoint;
  onChanged: (endpoint: Endpoint) => void;
  onSecret: (secret: string) => void;
}

type Busy = 'toggle' | 'rotate' | 'delete';

/** Edit, enable or disable, rotate the secret, delete (after a confirmation that names the endpoint). */
export function EndpointActions({ api, navigate, endpoint, onChanged, onSecret }: Props): VNode {
  const { busy, failure, run: act } = useAction<Busy>();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const base = `/webhooks/${endpoint.id}`;
  const toggle = () =>
    act('toggle', async () =>
      onChanged(
        endpoint.enabled
          ? await api.send<Endpoint>('PATCH', base, { enabled: false })
          : await api.send<Endpoint>('POST', `${base}/enable`),
      ),
    );
  const rotate = () =>
    act('rotate', async () => {
      const { secret, ...rest } = await api.send<EndpointWithSecret>('POST', `${base}/secret/rotate`);
      onChanged(rest);
      onSecret(secret);
    });
  const remove = () =>
    act('delete', async () => {
      await api.send<void>('DELETE', base);
      navigate('/webhooks');
    });

  return html`<div>
    <div class="np-actions">
      <button class="secondary" type="button" onClick=${() => navigate(`${base}/edit`)}>Edit</button>
      <button class="secondary" type="button" onClick=${toggle} disabled=${busy !== null}>
        ${busy === 'toggle' ? 'Saving…' : endpoint.enabled ? 'Disable' : 'Enable'}
      </button>
      <button class="secondary" type="button" onClick=${rotate} disabled=${busy !== null}>
        ${busy === 'rotate' ? 'Rotating…' : 'Rotate secret'}
      </button>
      <button type="button" class="danger" onClick=${() => setConfirming(true)} disabled=${busy !== null || confirming}>
        Delete…
      </button>
    </div>
    ${
      !endpoint.enabled
        ? html`<p class="np-hint">
            Enabling also forgets the failure history, so the endpoint gets the full retry period again.
          </p>`
        : null
    }
    ${
      confirming
        ? html`<div class="wh-confirm" role="alertdialog" aria-labelledby="wh-confirm-text">
            <p id="wh-confirm-text">
              Delete the endpoint ${endpoint.url}? Nothing more is delivered to it; this cannot be undone.
            </p>
            <div class="np-actions">
              <button type="button" class="danger" ref=${confirmButton} onClick=${remove} disabled=${busy !== null}>
                ${busy === 'delete' ? 'Deleting…' : 'Delete endpoint'}
              </button>
              <button class="secondary" type="button" onClick=${() => setConfirming(false)}>Keep it</button>
            </div>
          </div>`
        : null
    }
    ${failure ? html`<${ErrorNote} error=${failure} />` : null}
  </div>`;
}
