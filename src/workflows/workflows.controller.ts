import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { ApiQueryFrom, toOpenApi } from '../openapi/zod-schema.js';
import { OrgHeader, type OrgHeaderValue } from '../orgs/org-header.js';
import { OrgScopedController } from '../orgs/org-scoped-controller.js';
import {
  type CreateWorkflowBody,
  createWorkflowBody,
  type UpdateWorkflowBody,
  updateWorkflowBody,
} from './dto/workflow-definition.dto.js';
import {
  type ListRunsQuery,
  listRunsQuery,
  type ListWorkflowsQuery,
  listWorkflowsQuery,
  type ManualRunBody,
  manualRunBody,
} from './dto/workflow-queries.dto.js';
import { WorkflowRunsService } from './runs/workflow-runs.service.js';
import { WorkflowAccess } from './workflow-access.js';
import { workflowPageSchema, workflowRunPageSchema, workflowRunSchema, workflowSchema } from './workflow-responses.js';
import { WorkflowsService } from './workflows.service.js';

const READ = 'Any member; API key scope: workflows:read.';
const WRITE = 'Needs the admin role; API key scope: workflows:write.';

@OrgScopedController({
  path: 'workflows',
  tag: 'workflows',
  invalid:
    'The request is invalid, or X-Org-Id is missing (signed-in users) or malformed; `details` names each offending field (`steps.<index>.<field>` for a step)',
  notFound: 'Organization or workflow not found (or the caller is not a member)',
})
export class WorkflowsController {
  constructor(
    private readonly access: WorkflowAccess,
    private readonly workflows: WorkflowsService,
    private readonly runs: WorkflowRunsService,
  ) {}

  @Get()
  @Scope('workflows:read')
  @ApiOperation({ summary: "A page of the organization's workflows", description: `Newest first. ${READ}` })
  @ApiQueryFrom(listWorkflowsQuery)
  @ApiOkResponse({ description: 'One page of workflows', schema: workflowPageSchema })
  async list(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Query(new ZodPipe(listWorkflowsQuery)) query: ListWorkflowsQuery,
  ) {
    return this.workflows.list(await this.access.read(principal, org), query);
  }

  @Post()
  @Scope('workflows:write')
  @ApiOperation({
    summary: 'Create a workflow',
    description: `A trigger (an event type, a cron schedule in a time zone, or manual) and ordered steps: send_email, publish_event, delay, condition. ${WRITE}`,
  })
  @ApiBody({ schema: toOpenApi(createWorkflowBody) })
  @ApiCreatedResponse({ description: 'The new workflow, version 1', schema: workflowSchema })
  async create(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Body(new ZodPipe(createWorkflowBody)) body: CreateWorkflowBody,
  ) {
    return this.workflows.create(await this.access.write(principal, org), body);
  }

  @Get(':id')
  @Scope('workflows:read')
  @ApiOperation({ summary: 'One workflow', description: `Its current version. ${READ}` })
  @ApiIdParam('id', 'Workflow id')
  @ApiOkResponse({ description: 'The workflow', schema: workflowSchema })
  async get(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ) {
    return this.workflows.get(await this.access.read(principal, org), id);
  }

  @Patch(':id')
  @Scope('workflows:write')
  @ApiOperation({
    summary: 'Change a workflow',
    description: `Each field given replaces the stored one; a new trigger or new steps make a new version, and runs under way keep theirs. ${WRITE}`,
  })
  @ApiIdParam('id', 'Workflow id')
  @ApiBody({ schema: toOpenApi(updateWorkflowBody) })
  @ApiOkResponse({ description: 'The changed workflow', schema: workflowSchema })
  @ApiErrors({ status: 409, description: 'Another change of the same workflow came first' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
    @Body(new ZodPipe(updateWorkflowBody)) body: UpdateWorkflowBody,
  ) {
    return this.workflows.update(await this.access.write(principal, org), id, body);
  }

  @Delete(':id')
  @Scope('workflows:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a workflow', description: `Nothing new starts; runs under way finish. ${WRITE}` })
  @ApiIdParam('id', 'Workflow id')
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ): Promise<void> {
    await this.workflows.remove(await this.access.write(principal, org), id);
  }

  @Get(':id/runs')
  @Scope('workflows:read')
  @ApiOperation({
    summary: "A page of a workflow's runs",
    description: `Newest first, optionally of one status. ${READ}`,
  })
  @ApiIdParam('id', 'Workflow id')
  @ApiQueryFrom(listRunsQuery)
  @ApiOkResponse({ description: 'One page of runs', schema: workflowRunPageSchema })
  async listRuns(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
    @Query(new ZodPipe(listRunsQuery)) query: ListRunsQuery,
  ) {
    return this.runs.list(await this.access.read(principal, org), id, query);
  }

  @Post(':id/run')
  @Scope('workflows:write')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a run now',
    description: `Of the current version, with \`input\` as the trigger's data (\`{{event.data.…}}\`). ${WRITE}`,
  })
  @ApiIdParam('id', 'Workflow id')
  @ApiBody({ schema: toOpenApi(manualRunBody) })
  @ApiAcceptedResponse({ description: 'The run, stored and queued', schema: workflowRunSchema })
  @ApiErrors({ status: 409, description: 'The workflow is disabled' })
  async runNow(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
    @Body(new ZodPipe(manualRunBody)) body: ManualRunBody,
  ) {
    return this.runs.runNow(await this.access.write(principal, org), id, body.input);
  }
}
