import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { type Page, pageOf } from '../database/pagination.js';
import { SubscriptionsCache } from '../webhooks/endpoints/subscriptions.cache.js';
import type { CreateWorkflowBody, UpdateWorkflowBody } from './dto/workflow-definition.dto.js';
import { definitionProblems } from './dto/workflow-definition.dto.js';
import type { ListWorkflowsQuery } from './dto/workflow-queries.dto.js';
import type { WorkflowRecord } from './workflow.schema.js';
import { type WorkflowView, workflowView } from './workflow-views.js';
import { WorkflowsRepository } from './workflows.repository.js';

/**
 * Workflow definitions, org-scoped; `orgId` comes from WorkflowAccess. Every save bumps the
 * organization's generation (the one its webhook subscriptions are cached under), which every
 * process's copy of its event-triggered workflows is checked against on the next publish.
 */
@Injectable()
export class WorkflowsService {
  constructor(
    private readonly workflows: WorkflowsRepository,
    private readonly generation: SubscriptionsCache,
  ) {}

  async list(orgId: string, query: ListWorkflowsQuery): Promise<Page<WorkflowView>> {
    return pageOf((limit) => this.workflows.page(orgId, limit, query.cursor), query.limit, workflowView);
  }

  async get(orgId: string, workflowId: string): Promise<WorkflowView> {
    return workflowView(await this.require(orgId, workflowId));
  }

  async create(orgId: string, body: CreateWorkflowBody): Promise<WorkflowView> {
    const created = await this.workflows.create(orgId, body);
    await this.generation.invalidate(orgId);
    return workflowView(created);
  }

  /** A change of trigger or steps makes a new version; runs under way keep theirs. */
  async update(orgId: string, workflowId: string, body: UpdateWorkflowBody): Promise<WorkflowView> {
    const existing = await this.require(orgId, workflowId);
    // Checked again as a whole: new steps may clash with the kept trigger, or the other way round.
    const problems = definitionProblems(body.trigger ?? existing.trigger, body.steps ?? existing.steps);
    if (problems.length) {
      const details = problems.map((p) => ({ field: p.path.join('.'), problem: p.message }));
      throw new BadRequestException({ message: `Invalid ${details.map((d) => d.field).join(', ')}`, details });
    }
    const updated = await this.workflows.update(orgId, workflowId, existing.version, body);
    if (!updated)
      throw new ConflictException({ message: 'The workflow was changed by another request; read it again' });
    await this.generation.invalidate(orgId);
    return workflowView(updated);
  }

  async remove(orgId: string, workflowId: string): Promise<void> {
    if (!(await this.workflows.delete(orgId, workflowId))) notFound();
    await this.generation.invalidate(orgId);
  }

  async require(orgId: string, workflowId: string): Promise<WorkflowRecord> {
    return (await this.workflows.find(orgId, workflowId)) ?? notFound();
  }
}

function notFound(): never {
  throw new NotFoundException({ message: 'Workflow not found' });
}
