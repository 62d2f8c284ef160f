import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ConsoleApiClient } from './api-client.js';
import type { OrgChoice } from './contract.js';
import { SignInPage } from './pages/account/sign-in-page.js';
import { SignUpPage } from './pages/account/sign-up-page.js';
import { navigate, usePath } from './router.js';
import { type CurrentUser, Session } from './session.js';
import { ShellHeader } from './shell-header.js';
import { SignedInRoutes } from './signed-in-routes.js';
import { ErrorNotice, Loading } from './ui.js';

const session = new Session();
/**
 * Not a secret: whether this browser was signed in, so a fresh page only asks to refresh when a cookie
 * may exist (an answer of 400 would show as an error in the browser's console for every visitor).
 */
const SIGNED_IN_FLAG = 'novapulse.console.signed-in';
const ORG_KEY = 'novapulse.console.org';
const PUBLIC_PATHS = ['/', '/signin', '/signup'];

type State =
  | { phase: 'starting' }
  | { phase: 'signed-out' }
  | { phase: 'failed'; error: unknown }
  | { phase: 'signed-in'; user: CurrentUser; orgs: OrgChoice[] };

export function App(): VNode {
  const path = usePath();
  const [state, setState] = useState<State>({ phase: 'starting' });
  const [orgId, setOrgId] = useState<string | null>(() => localStorage.getItem(ORG_KEY));

  const loadAccount = useCallback(async () => {
    const api = new ConsoleApiClient(session, null);
    try {
      const [user, orgs] = await Promise.all([
        api.get<CurrentUser>('/auth/me'),
        api.get<{ items: OrgChoice[] }>('/orgs'),
      ]);
      localStorage.setItem(SIGNED_IN_FLAG, '1');
      setState({ phase: 'signed-in', user, orgs: orgs.items.map(({ id, name, role }) => ({ id, name, role })) });
    } catch (error) {
      setState(session.token === null ? { phase: 'signed-out' } : { phase: 'failed', error });
    }
  }, []);

  useEffect(() => {
    const stop = session.onChange(() => {
      if (session.token !== null) return;
      localStorage.removeItem(SIGNED_IN_FLAG);
      setState({ phase: 'signed-out' });
    });
    if (localStorage.getItem(SIGNED_IN_FLAG)) {
      void session.refresh().then((ok) => (ok ? loadAccount() : setState({ phase: 'signed-out' })));
    } else {
      setState({ phase: 'signed-out' });
    }
    return stop;
  }, [loadAccount]);

  const signedIn = state.phase === 'signed-in';
  useEffect(() => {
    if (signedIn && PUBLIC_PATHS.includes(path)) navigate('/webhooks', { replace: true });
  }, [signedIn, path]);

  const org = signedIn ? (state.orgs.find((o) => o.id === orgId) ?? state.orgs[0] ?? null) : null;
  const api = useMemo(() => new ConsoleApiClient(session, org?.id ?? null), [org?.id]);

  switch (state.phase) {
    case 'starting':
      return html`<main id="main" class="narrow"><${Loading} /></main>`;
    case 'failed':
      return html`<main id="main" class="narrow">
        <h1>NovaPulse</h1>
        <${ErrorNotice} error=${state.error} />
        <button type="button" class="primary" onClick=${() => void loadAccount()}>Try again</button>
      </main>`;
    case 'signed-out':
      return path === '/signup'
        ? html`<${SignUpPage} />`
        : html`<${SignInPage} session=${session} onSignedIn=${() => void loadAccount()} />`;
    case 'signed-in':
      return html`<${ShellHeader}
          path=${path}
          user=${state.user}
          orgs=${state.orgs}
          org=${org}
          onOrgChange=${(id: string) => {
            localStorage.setItem(ORG_KEY, id);
            setOrgId(id);
          }}
          onSignOut=${() => void session.signOut().then(() => navigate('/signin'))}
        />
        <main id="main">
          <${SignedInRoutes}
            path=${path}
            api=${api}
            user=${state.user}
            org=${org}
            onUserChanged=${() => void loadAccount()}
            onSignedOutEverywhere=${() => {
              session.forget();
              navigate('/signin');
            }}
          />
        </main>`;
  }
}
