import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../contract.js';
import { ErrorNote } from '../shared/notices.js';
import { TextField } from '../shared/text-field.js';
import {
  type EndpointBody,
  endpointBody,
  type EndpointFormState,
  type FieldErrors,
  formErrorsFromApi,
} from './endpoint-input.js';
import { EventTypePicker } from './event-type-picker.js';
import type { EventTypeEntry } from './webhook-types.js';

/** Where focus goes when a field is wrong, in the form's order. */
const INPUT_OF: Record<keyof FieldErrors, string> = {
  url: 'wh-url',
  description: 'wh-description',
  eventTypes: 'wh-type-all',
  otherEventTypes: 'wh-other-types',
  rateLimit: 'wh-rate-limit',
};

interface Props {
  initial: EndpointFormState;
  catalog: EventTypeEntry[];
  submitLabel: string;
  onSubmit: (body: EndpointBody) => Promise<void>;
  onCancel: () => void;
}

/** Checked here first, then by the API; either's problems are shown next to the input they are about. */
export function EndpointForm({ initial, catalog, submitLabel, onSubmit, onCancel }: Props): VNode {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Counts refused submits, so focus moves to the first wrong field even when the errors did not change.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    const first = (Object.keys(INPUT_OF) as (keyof FieldErrors)[]).find((name) => errors[name]);
    if (first) document.getElementById(INPUT_OF[first])?.focus();
  }, [refusals]);

  const field = (name: 'url' | 'description' | 'otherEventTypes' | 'rateLimit') => (e: Event) =>
    setForm((f) => ({ ...f, [name]: (e.currentTarget as HTMLInputElement).value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const checked = endpointBody(form);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return setRefusals((n) => n + 1);
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(checked.body);
    } catch (error) {
      setBusy(false);
      const fromApi = error instanceof ApiError ? formErrorsFromApi(error.body.details ?? []) : {};
      setErrors(fromApi);
      setFailure(error);
      setRefusals((n) => n + 1);
    }
  };

  return html`<form class="np-form wh-form" novalidate onSubmit=${submit}>
    ${failure ? html`<${ErrorNote} error=${failure} />` : null}
    <${TextField}
      id="wh-url"
      label="URL"
      type="url"
      value=${form.url}
      onInput=${field('url')}
      error=${errors.url}
      hint="Where deliveries are POSTed; https, reachable from the internet."
      autoComplete="url"
    />
    <${TextField}
      id="wh-description"
      label="Description"
      value=${form.description}
      onInput=${field('description')}
      error=${errors.description}
      hint="Optional; what this endpoint is for."
    />
    <${EventTypePicker}
      catalog=${catalog}
      selected=${form.eventTypes}
      error=${errors.eventTypes}
      onChange=${(eventTypes: string[]) => setForm((f) => ({ ...f, eventTypes }))}
    />
    <${TextField}
      id="wh-other-types"
      label="Other event types"
      value=${form.otherEventTypes}
      onInput=${field('otherEventTypes')}
      error=${errors.otherEventTypes}
      hint="Your organization's own types, separated by commas, e.g. order.created, order.paid."
    />
    <${TextField}
      id="wh-rate-limit"
      label="Rate limit (deliveries per second)"
      type="number"
      value=${form.rateLimit}
      onInput=${field('rateLimit')}
      error=${errors.rateLimit}
      hint="Optional; empty for no limit."
      inputMode="numeric"
    />
    <div class="np-actions">
      <button type="submit" disabled=${busy}>${busy ? 'Saving…' : submitLabel}</button>
      <button class="secondary" type="button" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
