import { formatDuration } from '../shared/format.js';

/** A workflow and its runs as /workflows answers them (src/workflows/workflow-views.ts). */
export interface Workflow {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
}

export type RunStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface RunStep {
  index: number;
  type: 'send_email' | 'publish_event' | 'delay' | 'condition';
  status: StepStatus;
  attempts: number;
  output: Record<string, unknown> | null;
  error: string | null;
  startedAt: string | null;
  endedAt: string | null;
  wakeAt: string | null;
}

export interface WorkflowRun {
  id: string;
  workflowId: string;
  version: number;
  status: RunStatus;
  trigger: string;
  cursor: number;
  cancelRequested: boolean;
  steps: RunStep[];
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export const STEP_LABELS: Record<RunStep['type'], string> = {
  send_email: 'Send email',
  publish_event: 'Publish event',
  delay: 'Delay',
  condition: 'Condition',
};

export const isFinished = (run: Pick<WorkflowRun, 'status'>) =>
  run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled';

/** `event`, `schedule` or `manual`: what started the run, from its trigger key (`event:<id>` and the like). */
export function triggerKind(trigger: string): string {
  return trigger.split(':')[0] ?? trigger;
}

/** One line of a step's timing: `took 1 s`, `waiting until …`, `not started`. */
export function stepTiming(step: Pick<RunStep, 'status' | 'startedAt' | 'endedAt' | 'wakeAt'>, now: Date): string {
  if (step.status === 'waiting' && step.wakeAt) return `waits until ${new Date(step.wakeAt).toLocaleString()}`;
  if (!step.startedAt) return 'not started';
  const start = Date.parse(step.startedAt);
  if (!step.endedAt) return `running for ${formatDuration(now.getTime() - start)}`;
  return `took ${formatDuration(Date.parse(step.endedAt) - start)}`;
}
