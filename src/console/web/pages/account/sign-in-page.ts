import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link } from '../../router.js';
import type { Session } from '../../session.js';
import { ErrorNotice, formValues } from '../../ui.js';

interface Props {
  session: Session;
  /** Called once the session has an access token. */
  onSignedIn: () => void;
}

/** Email and password, then the MFA challenge (a code from the app or a recovery code) when the account has it. */
export function SignInPage({ session, onSignedIn }: Props): VNode {
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = 'Sign in · NovaPulse';
    if (mfaToken) codeInput.current?.focus();
  }, [mfaToken]);

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const submitPassword = (event: Event) => {
    const { email = '', password = '' } = formValues(event);
    void run(async () => {
      const step = await session.signIn(email, password);
      if (step.kind === 'mfa') setMfaToken(step.mfaToken);
      else onSignedIn();
    });
  };
  const submitCode = (event: Event) => {
    const { code = '' } = formValues(event);
    if (!mfaToken) return;
    void run(async () => {
      await session.completeMfa(mfaToken, code.trim());
      onSignedIn();
    });
  };

  return html`<main class="narrow" id="main">
    <h1>Sign in to NovaPulse</h1>
    <${ErrorNotice} error=${error} />
    ${
      mfaToken
        ? html`<form key="code" onSubmit=${submitCode} class="stack">
            <p>Two-factor authentication is on for this account.</p>
            <label for="signin-code">Code</label>
            <input
              id="signin-code"
              name="code"
              ref=${codeInput}
              autocomplete="one-time-code"
              aria-describedby="signin-code-help"
              required
            />
            <p id="signin-code-help" class="muted">The 6-digit code from your authenticator app, or a recovery code.</p>
            <button type="submit" disabled=${busy}>Verify</button>
            <button type="button" onClick=${() => setMfaToken(null)}>Start over</button>
          </form>`
        : html`<form key="password" onSubmit=${submitPassword} class="stack">
            <label for="signin-email">Email</label>
            <input id="signin-email" name="email" type="email" autocomplete="username" required />
            <label for="signin-password">Password</label>
            <input id="signin-password" name="password" type="password" autocomplete="current-password" required />
            <button type="submit" disabled=${busy}>Sign in</button>
          </form>`
    }
    <p>No account yet? <${Link} to="/signup">Sign up</${Link}></p>
  </main>`;
}
