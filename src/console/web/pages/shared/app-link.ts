import { html } from 'htm/preact';
import type { ComponentChildren, VNode } from 'preact';

/**
 * A real link (it opens in a new tab, and shows its address) that moves inside the console without a
 * page load when clicked plainly.
 */
export function AppLink(props: {
  to: string;
  navigate: (path: string) => void;
  class?: string;
  children: ComponentChildren;
}): VNode {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    props.navigate(props.to);
  };
  return html`<a href=${`/app${props.to}`} class=${props.class} onClick=${onClick}>${props.children}</a>`;
}
