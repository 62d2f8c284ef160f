import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { ErrorNote } from '../shared/notices.js';
import { TextField } from '../shared/text-field.js';
import { localInputToIso, toLocalInput } from '../shared/time-input.js';
import { DAY_MS } from './delivery-stats.js';

/** Sends again every message that failed since a time: for an endpoint that was down, or disabled. */
export function RecoverForm({
  api,
  endpointId,
  onRecovered,
}: {
  api: ApiClient;
  endpointId: string;
  onRecovered: () => void;
}): VNode {
  const [since, setSince] = useState(() => toLocalInput(new Date(Date.now() - DAY_MS)));
  const [state, setState] = useState<{
    busy: boolean;
    requeued: number | null;
    error: unknown;
    invalid: string | null;
  }>({
    busy: false,
    requeued: null,
    error: null,
    invalid: null,
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    const iso = localInputToIso(since);
    if (!iso) return setState({ busy: false, requeued: null, error: null, invalid: 'Pick a date and time.' });
    setState({ busy: true, requeued: null, error: null, invalid: null });
    try {
      const { requeued } = await api.send<{ requeued: number }>('POST', `/webhooks/${endpointId}/recover`, {
        since: iso,
      });
      setState({ busy: false, requeued, error: null, invalid: null });
      onRecovered();
    } catch (error) {
      setState({ busy: false, requeued: null, error, invalid: null });
    }
  };
  return html`<section class="np-panel" aria-labelledby="wh-recover-title">
    <h2 id="wh-recover-title">Recover failed messages</h2>
    <form class="np-form wh-recover" novalidate onSubmit=${submit}>
      <${TextField}
        id="wh-recover-since"
        label="Failed since"
        type="datetime-local"
        value=${since}
        onInput=${(e: Event) => setSince((e.currentTarget as HTMLInputElement).value)}
        error=${state.invalid ?? undefined}
        hint="Every message that failed from this time on is sent again."
      />
      <button type="submit" disabled=${state.busy}>${state.busy ? 'Recovering…' : 'Recover messages'}</button>
    </form>
    <p role="status" class="np-hint">
      ${state.requeued === null ? '' : state.requeued === 1 ? '1 message queued again.' : `${state.requeued} messages queued again.`}
    </p>
    ${state.error ? html`<${ErrorNote} error=${state.error} />` : null}
  </section>`;
}
