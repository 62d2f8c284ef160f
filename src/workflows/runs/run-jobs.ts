import type { RunRef } from './workflow-runs.repository.js';

/** One job per step attempt series: enqueueing the same (run, cursor, generation) twice adds it once. */
export const stepJobId = (ref: RunRef) => `wf-${ref.runId}-${ref.cursor}-${ref.generation}`;

export const refOf = (run: { _id: { toHexString(): string }; cursor: number; generation: number }): RunRef => ({
  runId: run._id.toHexString(),
  cursor: run.cursor,
  generation: run.generation,
});
