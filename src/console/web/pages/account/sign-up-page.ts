import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../router.js';
import { API_BASE, errorFrom } from '../../session.js';
import { ErrorNotice, formValues } from '../../ui.js';

/**
 * POST /auth/register answers the same whether or not the address is taken (the owner of a taken one is
 * emailed), so the page cannot say more than "now sign in".
 */
export function SignUpPage(): VNode {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    document.title = 'Sign up · NovaPulse';
  }, []);

  const submit = (event: Event) => {
    const { name = '', email = '', password = '' } = formValues(event);
    setBusy(true);
    setError(null);
    void fetch(`${API_BASE}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, email, password }),
    })
      .then(async (response) => {
        if (!response.ok) throw await errorFrom(response);
        setDone(true);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return html`<main class="narrow" id="main">
    <h1>Create your NovaPulse account</h1>
    ${
      done
        ? html`<p class="notice" role="status">
          Your account is ready, unless the address already had one (its owner has been emailed).
          <${Link} to="/signin">Sign in</${Link}>
        </p>`
        : html`<${ErrorNotice} error=${error} />
          <form onSubmit=${submit} class="stack">
            <label for="signup-name">Name</label>
            <input id="signup-name" name="name" autocomplete="name" required />
            <label for="signup-email">Email</label>
            <input id="signup-email" name="email" type="email" autocomplete="email" required />
            <label for="signup-password">Password</label>
            <input
              id="signup-password"
              name="password"
              type="password"
              autocomplete="new-password"
              aria-describedby="signup-password-help"
              required
            />
            <p id="signup-password-help" class="muted">
              At least 12 characters, not a common password, and not your name or email.
            </p>
            <button type="submit" disabled=${busy}>Create account</button>
          </form>
          <p>Already have an account? <${Link} to="/signin">Sign in</${Link}></p>`
    }
  </main>`;
}
