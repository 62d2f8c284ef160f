import { html } from 'htm/preact';
import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/app';

const listeners = new Set<() => void>();

/** The console path after /app, e.g. `/webhooks/abc`; `/` for /app itself. */
export function currentPath(): string {
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return rest === '' ? '/' : rest;
}

/** Client-side navigation inside /app: `navigate('/webhooks/abc')`. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE}${path === '/' ? '' : path}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** A real link (open in a new tab works) that navigates in place on a plain click. */
export function Link(props: { to: string; children: ComponentChildren; current?: boolean; class?: string }): VNode {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return html`<a
    href=${`${BASE}${props.to}`}
    class=${props.class}
    aria-current=${props.current ? 'page' : undefined}
    onClick=${onClick}
    >${props.children}</a
  >`;
}
