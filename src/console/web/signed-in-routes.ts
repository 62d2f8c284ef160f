import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { ApiClient, OrgChoice } from './contract.js';
import { JobsPage } from './pages/jobs/jobs-page.js';
import { SecurityPage } from './pages/security/security-page.js';
import { WebhooksPage } from './pages/webhooks/webhooks-page.js';
import { navigate } from './router.js';
import type { CurrentUser } from './session.js';

interface Props {
  path: string;
  api: ApiClient;
  user: CurrentUser;
  org: OrgChoice | null;
  onUserChanged: () => void;
  onSignedOutEverywhere: () => void;
}

const ORG_PAGES = [
  { prefix: '/webhooks', Page: WebhooksPage },
  { prefix: '/jobs', Page: JobsPage },
];

/** The page for a path of a signed-in user; the organization's pages remount when the organization changes. */
export function SignedInRoutes({ path, api, user, org, onUserChanged, onSignedOutEverywhere }: Props): VNode {
  if (path === '/settings/security') {
    return html`<${SecurityPage}
      api=${api}
      user=${user}
      onUserChanged=${onUserChanged}
      onSignedOutEverywhere=${onSignedOutEverywhere}
    />`;
  }
  for (const { prefix, Page } of ORG_PAGES) {
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    if (!org) {
      return html`<section>
        <h1>No organization</h1>
        <p>You are not a member of any organization yet. Ask an admin of one to invite you.</p>
      </section>`;
    }
    const subPath = path.slice(prefix.length + 1);
    return html`<${Page}
      key=${org.id}
      api=${api}
      org=${org}
      operator=${user.operator}
      navigate=${navigate}
      subPath=${subPath}
    />`;
  }
  return html`<section>
    <h1>Not found</h1>
    <p>There is no console page at this address.</p>
  </section>`;
}
