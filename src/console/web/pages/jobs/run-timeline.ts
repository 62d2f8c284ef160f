import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { statusPill } from '../shared/format.js';
import { ErrorNote } from '../shared/notices.js';
import { startPolling } from './poller.js';
import { isFinished, STEP_LABELS, stepTiming, type WorkflowRun } from './run-types.js';

const RUN_POLL_MS = 3_000;

interface Props {
  id: string;
  api: ApiClient;
  admin: boolean;
  initial: WorkflowRun;
  onChanged: () => void;
}

/** A run's steps in order; followed every few seconds until the run has finished. */
export function RunTimeline({ id, api, admin, initial, onChanged }: Props): VNode {
  const [run, setRun] = useState(initial);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const finished = isFinished(run);

  useEffect(() => {
    if (finished) return undefined;
    return startPolling(async (signal) => {
      try {
        const now = await api.get<WorkflowRun>(`/workflow-runs/${run.id}`, { signal });
        setRun(now);
        // The list shows the run's status too: it reads again once the run has finished.
        if (isFinished(now)) onChanged();
      } catch (error) {
        if (!signal.aborted) setFailure(error);
      }
    }, RUN_POLL_MS);
  }, [finished, run.id]);

  const act = async (action: 'retry' | 'cancel') => {
    setBusy(true);
    setFailure(null);
    try {
      setRun(await api.send<WorkflowRun>('POST', `/workflow-runs/${run.id}/${action}`));
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const now = new Date();
  return html`<div id=${id}>
    <ol class="jobs-timeline">
      ${run.steps.map(
        (step) =>
          html`<li key=${step.index}>
            <p>
              <strong>${step.index + 1}. ${STEP_LABELS[step.type]}</strong>
              <span class=${statusPill(step.status)}>${step.status}</span>
            </p>
            <p class="np-hint">${stepTiming(step, now)}${step.attempts > 1 ? `, ${step.attempts} attempts` : ''}</p>
            ${step.error ? html`<p class="np-bad">${step.error}</p>` : null}
          </li>`,
      )}
    </ol>
    ${run.cancelRequested && !finished ? html`<p class="np-hint">Cancelling after the current step.</p>` : null}
    ${
      admin && (run.status === 'failed' || !finished)
        ? html`<div class="np-actions">
            ${
              run.status === 'failed'
                ? html`<button type="button" class="primary" onClick=${() => act('retry')} disabled=${busy}>
                    Retry from the failed step
                  </button>`
                : html`<button
                    class="secondary"
                    type="button"
                    onClick=${() => act('cancel')}
                    disabled=${busy || run.cancelRequested}
                  >
                    Cancel run
                  </button>`
            }
          </div>`
        : null
    }
    ${failure ? html`<${ErrorNote} error=${failure} />` : null}
  </div>`;
}
