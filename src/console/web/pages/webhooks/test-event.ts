import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { ErrorNote } from '../shared/notices.js';
import { attemptSummary } from './attempt-text.js';
import type { Attempt } from './webhook-types.js';

/** Sends a `webhook.test` event to this endpoint only; the API answers with the worker's first attempt at it. */
export function TestEvent({
  api,
  endpointId,
  onSent,
}: {
  api: ApiClient;
  endpointId: string;
  onSent: () => void;
}): VNode {
  const [state, setState] = useState<{ busy: boolean; attempt: Attempt | null; error: unknown }>({
    busy: false,
    attempt: null,
    error: null,
  });
  const send = async () => {
    setState({ busy: true, attempt: null, error: null });
    try {
      const attempt = await api.send<Attempt>('POST', `/webhooks/${endpointId}/test`);
      setState({ busy: false, attempt, error: null });
    } catch (error) {
      setState({ busy: false, attempt: null, error });
    }
    onSent();
  };
  return html`<section class="np-panel" aria-labelledby="wh-test-title">
    <h2 id="wh-test-title">Test</h2>
    <p class="np-hint">Sends a webhook.test event to this endpoint alone and waits for the delivery attempt.</p>
    <button type="button" class="primary" onClick=${send} disabled=${state.busy}>
      ${state.busy ? 'Sending…' : 'Send test event'}
    </button>
    <div role="status">
      ${
        state.attempt
          ? html`<p class=${state.attempt.outcome === 'success' ? 'np-ok' : 'np-bad'}>
              ${attemptSummary(state.attempt)}
            </p>`
          : null
      }
    </div>
    ${state.error ? html`<${ErrorNote} error=${state.error} />` : null}
  </section>`;
}
