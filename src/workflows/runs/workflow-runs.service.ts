import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Types } from 'mongoose';
import { CLOCK, type Clock } from '../../common/clock.js';
import { type Page, pageOf } from '../../database/pagination.js';
import { QueueProducer } from '../../queues/queue-producer.js';
import type { ListRunsQuery } from '../dto/workflow-queries.dto.js';
import { type WorkflowRunView, workflowRunView } from '../workflow-views.js';
import { WorkflowsService } from '../workflows.service.js';
import { refOf, stepJobId } from './run-jobs.js';
import { RunStarter } from './run-starter.js';
import { WorkflowRunsRepository } from './workflow-runs.repository.js';

/** Runs as their owners see and steer them; `orgId` comes from WorkflowAccess. */
@Injectable()
export class WorkflowRunsService {
  private readonly logger = new Logger(WorkflowRunsService.name);

  constructor(
    private readonly runs: WorkflowRunsRepository,
    private readonly workflows: WorkflowsService,
    private readonly starter: RunStarter,
    private readonly producer: QueueProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(orgId: string, workflowId: string, query: ListRunsQuery): Promise<Page<WorkflowRunView>> {
    await this.workflows.require(orgId, workflowId);
    return pageOf(
      (limit) => this.runs.page(orgId, workflowId, query.status, limit, query.cursor),
      query.limit,
      workflowRunView,
    );
  }

  async get(orgId: string, runId: string): Promise<WorkflowRunView> {
    return workflowRunView((await this.runs.find(orgId, runId)) ?? notFound());
  }

  /** A run of the workflow's current version, with `input` as its trigger's data. */
  async runNow(orgId: string, workflowId: string, input: Record<string, unknown>): Promise<WorkflowRunView> {
    const workflow = await this.workflows.require(orgId, workflowId);
    if (!workflow.enabled) throw new ConflictException({ message: 'The workflow is disabled; enable it first' });
    const id = new Types.ObjectId().toHexString();
    const run = await this.starter.start(workflow, `manual:${id}`, { id, type: 'manual', data: input });
    return workflowRunView(run!);
  }

  /**
   * Stops a live run before its next step. A run that is not in a step now ends at once (its delayed
   * job removed); one in a step ends when that step has been recorded.
   */
  async cancel(orgId: string, runId: string): Promise<WorkflowRunView> {
    const run = await this.runs.requestCancel(orgId, runId);
    if (!run) {
      const existing = (await this.runs.find(orgId, runId)) ?? notFound();
      if (existing.status === 'cancelled') return workflowRunView(existing);
      throw new ConflictException({ message: `The run has already ${existing.status}` });
    }
    const ref = refOf(run);
    if (await this.runs.finishCancelled(ref, this.clock.now(), run.steps.length)) {
      await this.producer.remove('workflow', stepJobId(ref)).catch((error: unknown) => {
        // A job left behind finds the run cancelled and does nothing.
        this.logger.warn({ message: 'could not remove the job of a cancelled run', runId, error });
      });
    }
    return workflowRunView((await this.runs.find(orgId, runId))!);
  }

  /** A failed run goes on from the step that failed, with that step's attempts renewed. */
  async retry(orgId: string, runId: string): Promise<WorkflowRunView> {
    const existing = (await this.runs.find(orgId, runId)) ?? notFound();
    if (existing.status !== 'failed')
      throw new ConflictException({ message: `Only a failed run can be retried; this one is ${existing.status}` });
    const retried = await this.runs.retry(orgId, existing);
    if (!retried) throw new ConflictException({ message: 'The run was retried by another request at the same time' });
    await this.starter.arm(refOf(retried));
    return workflowRunView(retried);
  }
}

function notFound(): never {
  throw new NotFoundException({ message: 'Workflow run not found' });
}
