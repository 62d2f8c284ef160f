import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import type { CurrentUser } from '../../session.js';
import { MfaSection } from './mfa-section.js';
import { SessionsSection } from './sessions-section.js';

interface Props {
  api: ApiClient;
  user: CurrentUser;
  onUserChanged: () => void;
  onSignedOutEverywhere: () => void;
}

/** Settings › Security: the second factor and the sessions of the signed-in user. */
export function SecurityPage(props: Props): VNode {
  useEffect(() => {
    document.title = 'Security · NovaPulse';
  }, []);
  return html`<section>
    <h1>Security</h1>
    <p class="muted">Signed in as ${props.user.email}.</p>
    <${MfaSection} api=${props.api} mfaEnabled=${props.user.mfaEnabled} onChanged=${props.onUserChanged} />
    <${SessionsSection} api=${props.api} onSignedOutEverywhere=${props.onSignedOutEverywhere} />
  </section>`;
}
