import { Gauge, Histogram } from 'prom-client';
import { labelledCounter, metricsRegistry } from '../../metrics/registry.js';
import { STEP_TYPES, type WorkflowStep } from '../dto/workflow-definition.dto.js';

const runs = labelledCounter({
  name: 'novapulse_workflow_runs_total',
  help: 'Workflow runs that ended, by outcome (succeeded, failed, cancelled).',
  label: 'outcome',
  values: ['succeeded', 'failed', 'cancelled'],
});

const stepDuration = new Histogram({
  name: 'novapulse_workflow_step_duration_seconds',
  help: 'Time one workflow step attempt took to run and record, by step type (a delay counts its bookkeeping, not its wait).',
  labelNames: ['type'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});
for (const type of STEP_TYPES) stepDuration.zero({ type });

const waiting = new Gauge({
  name: 'novapulse_workflow_runs_waiting',
  help: 'Workflow runs waiting in a delay step, as last counted by the run sweeper.',
  registers: [metricsRegistry],
});

export function observeRunEnded(outcome: 'succeeded' | 'failed' | 'cancelled') {
  runs.inc({ outcome });
}

export function observeStep(type: WorkflowStep['type'], seconds: number) {
  stepDuration.observe({ type }, seconds);
}

export function setRunsWaiting(count: number) {
  waiting.set(count);
}
