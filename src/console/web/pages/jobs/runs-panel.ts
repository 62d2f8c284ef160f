import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { Loading } from '../../ui.js';
import { formatDateTime, statusPill } from '../shared/format.js';
import { Empty, ErrorNote } from '../shared/notices.js';
import { type Page, pageQuery, readPages } from '../shared/read-pages.js';
import { ShowMore } from '../shared/show-more.js';
import { useLoad } from '../shared/use-load.js';
import { RunTimeline } from './run-timeline.js';
import { triggerKind, type Workflow, type WorkflowRun } from './run-types.js';

const RUNS_PAGE = 20;

/** Runs are listed per workflow (GET /workflows/:id/runs): pick the workflow, then a run to see its steps. */
export function RunsPanel({ api, admin }: { api: ApiClient; admin: boolean }): VNode {
  const workflows = useLoad((signal) => api.get<Page<Workflow>>(`/workflows${pageQuery(100, null)}`, { signal }), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = workflows.data?.items ?? [];
  const workflowId = chosen ?? list[0]?.id ?? null;

  return html`<section class="np-panel" aria-labelledby="jobs-runs-title">
    <h2 id="jobs-runs-title">Workflow runs</h2>
    ${workflows.status === 'error' ? html`<${ErrorNote} error=${workflows.error} onRetry=${workflows.reload} />` : null}
    ${workflows.status === 'loading' && !workflows.data ? html`<${Loading} what="workflows" />` : null}
    ${workflows.data && list.length === 0 ? html`<${Empty}>No workflows in this organization yet, so no runs.<//>` : null}
    ${
      list.length > 0
        ? html`<div class="row">
            <label for="jobs-runs-workflow">Workflow</label>
            <select
              id="jobs-runs-workflow"
              value=${workflowId}
              onChange=${(e: Event) => setChosen((e.currentTarget as HTMLSelectElement).value)}
            >
              ${list.map(
                (w) =>
                  html`<option key=${w.id} value=${w.id}>
                    ${w.name} (v${w.version}${w.enabled ? '' : ', disabled'})
                  </option>`,
              )}
            </select>
          </div>`
        : null
    }
    ${workflowId ? html`<${RunList} key=${workflowId} api=${api} admin=${admin} workflowId=${workflowId} />` : null}
  </section>`;
}

function RunList({ api, admin, workflowId }: { api: ApiClient; admin: boolean; workflowId: string }): VNode {
  const [pages, setPages] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const runs = useLoad(
    (signal) =>
      readPages(
        (cursor) =>
          api.get<Page<WorkflowRun>>(`/workflows/${workflowId}/runs${pageQuery(RUNS_PAGE, cursor)}`, { signal }),
        pages,
      ),
    [workflowId, pages],
  );
  const items = runs.data?.items ?? [];
  return html`<div>
    <div class="np-actions">
      <button class="secondary" type="button" onClick=${runs.reload} disabled=${runs.status === 'loading'}>
        Refresh runs
      </button>
    </div>
    ${runs.status === 'error' ? html`<${ErrorNote} error=${runs.error} onRetry=${runs.reload} />` : null}
    ${runs.status === 'loading' && !runs.data ? html`<${Loading} what="runs" />` : null}
    ${runs.data && items.length === 0 ? html`<${Empty}>This workflow has not run yet.<//>` : null}
    ${
      items.length > 0
        ? html`<ul class="jobs-list">
            ${items.map(
              (run) =>
                html`<li key=${run.id}>
                  <button
                    type="button"
                    class="secondary jobs-run-toggle"
                    aria-expanded=${open === run.id ? 'true' : 'false'}
                    aria-controls=${`jobs-run-${run.id}`}
                    onClick=${() => setOpen(open === run.id ? null : run.id)}
                  >
                    <span class=${statusPill(run.status)}>${run.status}</span>
                    <span>${formatDateTime(run.createdAt)}</span>
                    <span class="np-hint">${triggerKind(run.trigger)}, v${run.version}, ${run.steps.length} steps</span>
                  </button>
                  ${
                    open === run.id
                      ? html`<${RunTimeline}
                          id=${`jobs-run-${run.id}`}
                          api=${api}
                          admin=${admin}
                          initial=${run}
                          onChanged=${runs.reload}
                        />`
                      : null
                  }
                </li>`,
            )}
          </ul>`
        : null
    }
    <${ShowMore} list=${runs} label="Show older runs" onMore=${() => setPages((n) => n + 1)} />
  </div>`;
}
