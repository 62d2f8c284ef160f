import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { PageProps } from '../../contract.js';
import { NotForYou } from '../shared/notices.js';
import { FailedJobsPanel } from './failed-jobs-panel.js';
import { QueueStatsPanel } from './queue-stats-panel.js';
import { ReportsPanel } from './reports-panel.js';
import { RunsPanel } from './runs-panel.js';

/**
 * Queues and failed jobs are platform-wide and for operators only; reports need the organization's
 * admin role; workflow runs any member may read (admins retry and cancel them).
 */
export function JobsPage(props: PageProps): VNode {
  const { api, org, operator } = props;
  const admin = org.role !== 'member';
  return html`<section aria-labelledby="jobs-title">
    <h1 id="jobs-title">Jobs</h1>
    ${
      operator
        ? html`<${QueueStatsPanel} api=${api} /> <${FailedJobsPanel} api=${api} />`
        : html`<section class="np-panel" aria-labelledby="jobs-queues-title">
            <h2 id="jobs-queues-title">Queues</h2>
            <${NotForYou}>Queue statistics and failed jobs are shown to platform operators only.<//>
          </section>`
    }
    ${
      admin
        ? html`<${ReportsPanel} key=${org.id} api=${api} org=${org} />`
        : html`<section class="np-panel" aria-labelledby="jobs-reports-title">
            <h2 id="jobs-reports-title">Reports</h2>
            <${NotForYou}>Reports of ${org.name} are requested and downloaded by its admins and owners.<//>
          </section>`
    }
    <${RunsPanel} key=${org.id} api=${api} admin=${admin} />
  </section>`;
}
