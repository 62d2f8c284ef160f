import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { ALL_EVENT_TYPES } from './endpoint-input.js';
import type { EventTypeEntry } from './webhook-types.js';

interface Props {
  catalog: EventTypeEntry[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error?: string;
}

/** One checkbox per catalog entry, labelled with the type itself; `*` subscribes to every type, present and future. */
export function EventTypePicker({ catalog, selected, onChange, error }: Props): VNode {
  const all = selected.includes(ALL_EVENT_TYPES);
  const toggle = (type: string, on: boolean) =>
    onChange(on ? [...selected, type] : selected.filter((chosen) => chosen !== type));
  return html`<fieldset class="wh-types" aria-describedby=${error ? 'wh-types-error' : undefined}>
    <legend>Event types</legend>
    <div class="wh-type">
      <input
        type="checkbox"
        id="wh-type-all"
        checked=${all}
        onChange=${(e: Event) => toggle(ALL_EVENT_TYPES, (e.currentTarget as HTMLInputElement).checked)}
      />
      <label for="wh-type-all">All event types</label>
      <p>Every type, including those added later.</p>
    </div>
    ${catalog.map(
      (entry) =>
        html`<div class="wh-type" key=${entry.type}>
          <input
            type="checkbox"
            id=${`wh-type-${entry.type}`}
            checked=${all || selected.includes(entry.type)}
            disabled=${all}
            aria-describedby=${`wh-type-${entry.type}-about`}
            onChange=${(e: Event) => toggle(entry.type, (e.currentTarget as HTMLInputElement).checked)}
          />
          <label for=${`wh-type-${entry.type}`}>${entry.type}</label>
          <p id=${`wh-type-${entry.type}-about`}>${entry.description}</p>
        </div>`,
    )}
    ${error ? html`<p class="np-field-error" id="wh-types-error">${error}</p>` : null}
  </fieldset>`;
}
