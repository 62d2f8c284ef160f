import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { OrgChoice } from './contract.js';
import { Link } from './router.js';
import type { CurrentUser } from './session.js';

interface Props {
  path: string;
  user: CurrentUser;
  orgs: OrgChoice[];
  org: OrgChoice | null;
  onOrgChange: (orgId: string) => void;
  onSignOut: () => void;
}

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The header on every signed-in page: where to go, which organization, who is signed in. */
export function ShellHeader({ path, user, orgs, org, onOrgChange, onSignOut }: Props): VNode {
  const links = [
    { to: '/webhooks', label: 'Webhooks' },
    { to: '/jobs', label: 'Jobs' },
    { to: '/settings/security', label: 'Settings › Security' },
  ];
  return html`<header class="top">
    <a class="skip" href="#main">Skip to content</a>
    <span class="brand">NovaPulse</span>
    <nav aria-label="Main">
      <ul>
        ${links.map(
          (link) =>
            html`<li key=${link.to}>
                <${Link} to=${link.to} current=${within(path, link.to)}>${link.label}</${Link}>
              </li>`,
        )}
      </ul>
    </nav>
    <div class="account">
      ${
        orgs.length > 0 &&
        html`<label for="org-switcher" class="visually-hidden">Organization</label>
          <select
            id="org-switcher"
            value=${org?.id}
            onChange=${(event: Event) => onOrgChange((event.currentTarget as HTMLSelectElement).value)}
          >
            ${orgs.map((o) => html`<option key=${o.id} value=${o.id}>${o.name} (${o.role})</option>`)}
          </select>`
      }
      <span class="muted who">${user.email}</span>
      <button type="button" onClick=${onSignOut}>Sign out</button>
    </div>
  </header>`;
}
