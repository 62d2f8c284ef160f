import { html } from 'htm/preact';
import type { VNode } from 'preact';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (e: Event) => void;
  error?: string;
  hint?: string;
  type?: string;
  autoComplete?: string;
  inputMode?: string;
}

/** A labelled input with its hint and its error tied to it for screen readers. */
export function TextField(props: TextFieldProps): VNode {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean);
  return html`<div class="np-field">
    <label for=${props.id}>${props.label}</label>
    <input
      id=${props.id}
      type=${props.type ?? 'text'}
      value=${props.value}
      onInput=${props.onInput}
      autocomplete=${props.autoComplete ?? 'off'}
      inputmode=${props.inputMode}
      aria-invalid=${props.error ? 'true' : undefined}
      aria-describedby=${describedBy.length > 0 ? describedBy.join(' ') : undefined}
    />
    ${props.hint ? html`<p class="np-hint" id=${`${props.id}-hint`}>${props.hint}</p>` : null}
    ${props.error ? html`<p class="np-field-error" id=${`${props.id}-error`}>${props.error}</p>` : null}
  </div>`;
}
