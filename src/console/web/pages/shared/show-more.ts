import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { Loaded } from './use-load.js';

interface Props {
  list: Loaded<{ nextCursor: string | null }>;
  label: string;
  /** What the button says while the next page loads; the label when not given. */
  loadingLabel?: string;
  onMore: () => void;
}

/** Under a cursor-paged list: asks for one more page while there is one, disabled while one loads. */
export function ShowMore({ list, label, loadingLabel = label, onMore }: Props): VNode | null {
  if (!list.data?.nextCursor) return null;
  const loading = list.status === 'loading';
  return html`<button class="secondary" type="button" onClick=${onMore} disabled=${loading}>
    ${loading ? loadingLabel : label}
  </button>`;
}
