import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { type Page, pageOf } from '../database/pagination.js';
import type { CreateWorkflowBody, UpdateWorkflowBody } from './dto/workflow-definition.dto.js';
import { definitionProblems } from './dto/workflow-definition.dto.js';
import type { ListWorkflowsQuery } from './dto/workflow-queries.dto.js';
import type { WorkflowRecord } from './workflow.schema.js';
import { type WorkflowView, workflowView } from './workflow-views.js';
import { WorkflowsRepository } from './workflows.repository.js';

/** Workflow definitions, org-scoped; `orgId` comes from WorkflowAccess. */
@Injectable()
export class WorkflowsService {
  constructor(private readonly workflows: WorkflowsRepository) {}

  async list(orgId: string, query: ListWorkflowsQuery): Promise<Page<WorkflowView>> {
    return pageOf((limit) => this.workflows.page(orgId, limit, query.cursor), query.limit, workflowView);
  }

  async get(orgId: string, workflowId: string): Promise<WorkflowView> {
    return workflowView(await this.require(orgId, workflowId));
  }

  async create(orgId: string, body: CreateWorkflowBody): Promise<WorkflowView> {
    return workflowView(await this.workflows.create(orgId, body));
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
    return workflowView(updated);
  }

  async remove(orgId: string, workflowId: string): Promise<void> {
    if (!(await this.workflows.delete(orgId, workflowId))) notFound();
  }

  async require(orgId: string, workflowId: string): Promise<WorkflowRecord> {
    return (await this.workflows.find(orgId, workflowId)) ?? notFound();
  }
}

function notFound(): never {
  throw new NotFoundException({ message: 'Workflow not found' });
}
