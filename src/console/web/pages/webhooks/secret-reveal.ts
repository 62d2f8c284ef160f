import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';

interface Props {
  secret: string;
  /** A new endpoint's first secret, or a rotated one (the old keeps signing for 24 hours). */
  isNew: boolean;
  onDismiss: () => void;
}

/** The signing secret, shown this once: the API never returns it again. */
export function SecretReveal({ secret, isNew, onDismiss }: Props): VNode {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  // Through a promise: `navigator.clipboard` is missing outside secure contexts, and that throw becomes a rejection.
  const copy = () =>
    void Promise.resolve()
      .then(() => navigator.clipboard.writeText(secret))
      .then(
        () => setCopied('yes'),
        () => setCopied('failed'),
      );
  return html`<div class="wh-secret" role="region" aria-labelledby="wh-secret-title">
    <h2 id="wh-secret-title">${isNew ? 'Signing secret' : 'New signing secret'}</h2>
    <p>
      Copy it now: it is not shown again.
      ${isNew ? ' Verify each delivery with it.' : ' The previous secret keeps signing deliveries for 24 hours.'}
    </p>
    <code data-testid="endpoint-secret">${secret}</code>
    <div class="np-actions">
      <button type="button" class="primary" onClick=${copy}>Copy secret</button>
      <button class="secondary" type="button" onClick=${onDismiss}>I have stored it</button>
    </div>
    <p class="np-hint" role="status">
      ${copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser did not allow copying; select the text instead.' : ''}
    </p>
  </div>`;
}
