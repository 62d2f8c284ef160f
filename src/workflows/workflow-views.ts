import type { TriggerInput } from './definition/placeholders.js';
import type { WorkflowStep, WorkflowTrigger } from './dto/workflow-definition.dto.js';
import type { RunStatus, StepState, WorkflowRunRecord } from './runs/workflow-run.schema.js';
import type { WorkflowRecord } from './workflow.schema.js';

export interface WorkflowView {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
  trigger: WorkflowTrigger;
  steps: WorkflowStep[];
  createdAt: Date;
  updatedAt: Date;
}

export function workflowView(workflow: WorkflowRecord): WorkflowView {
  const { name, enabled, version, trigger, steps, createdAt, updatedAt } = workflow;
  return { id: workflow._id.toHexString(), name, enabled, version, trigger, steps, createdAt, updatedAt };
}

export interface WorkflowRunView {
  id: string;
  workflowId: string;
  version: number;
  status: RunStatus;
  trigger: string;
  input: TriggerInput;
  cursor: number;
  cancelRequested: boolean;
  steps: (StepState & { index: number })[];
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

export function workflowRunView(run: WorkflowRunRecord): WorkflowRunView {
  return {
    id: run._id.toHexString(),
    workflowId: run.workflowId.toHexString(),
    version: run.version,
    status: run.status,
    trigger: run.triggerKey,
    input: run.input,
    cursor: run.cursor,
    cancelRequested: run.cancelRequested,
    steps: run.steps.map((step, index) => ({ index, ...step })),
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    endedAt: run.endedAt,
  };
}
