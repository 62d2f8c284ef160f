import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';

/** Recovery codes, shown this once: copy them, download them as a text file, then confirm. */
export function RecoveryCodes(props: { codes: string[]; onDone: () => void }): VNode {
  const text = `NovaPulse recovery codes (each works once)\n\n${props.codes.join('\n')}\n`;
  const downloadUrl = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(downloadUrl), [downloadUrl]);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(props.codes.join('\n')).then(
      () => setCopied('Copied.'),
      () => setCopied('Copying is not allowed here: select the codes and copy them by hand.'),
    );
  };
  return html`<div class="stack">
    <h3>Your recovery codes</h3>
    <p>Each code signs you in once if you lose your authenticator app. Keep them somewhere safe.</p>
    <p><strong>They are not shown again.</strong></p>
    <ul class="codes" data-testid="recovery-codes">
      ${props.codes.map((code) => html`<li key=${code}><code>${code}</code></li>`)}
    </ul>
    <div class="row">
      <button type="button" onClick=${copy}>Copy codes</button>
      <a class="button" href=${downloadUrl} download="novapulse-recovery-codes.txt">Download codes</a>
      <button type="button" class="primary" onClick=${props.onDone}>I have saved them</button>
    </div>
    ${copied && html`<p role="status" class="muted">${copied}</p>`}
  </div>`;
}
