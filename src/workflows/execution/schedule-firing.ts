import { Injectable } from '@nestjs/common';
import { RunStarter } from '../runs/run-starter.js';
import { WorkflowsRepository } from '../workflows.repository.js';

/**
 * One firing of a workflow's scheduler starts a run keyed by (workflow, fire time): a firing delivered
 * twice (a retried job, two schedulers for a moment) starts one run.
 */
@Injectable()
export class ScheduleFiring {
  constructor(
    private readonly workflows: WorkflowsRepository,
    private readonly starter: RunStarter,
  ) {}

  /** The new run's id; null when the workflow is gone, disabled, no longer scheduled, or already ran for this time. */
  async fire(workflowId: string, fireTime: Date): Promise<string | null> {
    const workflow = await this.workflows.findById(workflowId);
    if (!workflow?.enabled || workflow.trigger.type !== 'schedule') return null;
    const at = fireTime.getTime();
    const run = await this.starter.start(workflow, `schedule:${at}`, {
      id: String(at),
      type: 'schedule',
      data: { firedAt: fireTime.toISOString() },
    });
    return run?._id.toHexString() ?? null;
  }
}
