import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { ErrorNotice, Loading } from '../../ui.js';

interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string;
  ip: string;
  current: boolean;
}

/** The user's active sessions: revoke one, or sign out everywhere (this browser included). */
export function SessionsSection(props: { api: ApiClient; onSignedOutEverywhere: () => void }): VNode {
  const { api } = props;
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api.get<{ items: SessionView[] }>('/auth/sessions').then(({ items }) => setSessions(items), setError);
  }, [api]);
  useEffect(load, [load]);
  const act = (action: Promise<unknown>, after: () => void) => {
    setError(null);
    action.then(after, setError);
  };
  const revoke = (id: string) => act(api.send('DELETE', `/auth/sessions/${id}`), load);
  const everywhere = () => act(api.send('POST', '/auth/logout-all'), props.onSignedOutEverywhere);

  return html`<section aria-labelledby="sessions-heading" class="card">
    <h2 id="sessions-heading">Sessions</h2>
    <${ErrorNotice} error=${error} />
    ${
      sessions === null
        ? !error && html`<${Loading} what="sessions" />`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label="Active sessions">
            <table data-testid="sessions">
              <thead>
                <tr>
                  <th scope="col">Signed in</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Address</th>
                  <th scope="col">Browser</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                ${sessions.map(
                  (s) =>
                    html`<tr key=${s.id}>
                      <td>${new Date(s.createdAt).toLocaleString()}</td>
                      <td>${new Date(s.lastUsedAt).toLocaleString()}</td>
                      <td>${s.ip}</td>
                      <td class="clip" title=${s.userAgent}>${s.userAgent || 'unknown'}</td>
                      <td>
                        ${
                          s.current
                            ? html`<span class="badge">This browser</span>`
                            : html`<button
                                type="button"
                                aria-label=${`Revoke the session from ${s.ip}`}
                                onClick=${() => revoke(s.id)}
                              >
                                Revoke
                              </button>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <button type="button" class="danger" onClick=${everywhere}>Sign out everywhere</button>
  </section>`;
}
