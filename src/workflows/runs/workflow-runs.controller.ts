import { Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Scope } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ApiErrors } from '../../openapi/error-responses.js';
import { ApiIdParam } from '../../openapi/id-param.js';
import { OrgHeader, type OrgHeaderValue } from '../../orgs/org-header.js';
import { OrgScopedController } from '../../orgs/org-scoped-controller.js';
import { WorkflowAccess } from '../workflow-access.js';
import { workflowRunSchema } from '../workflow-responses.js';
import { WorkflowRunsService } from './workflow-runs.service.js';

@OrgScopedController({
  path: 'workflow-runs',
  tag: 'workflows',
  notFound: 'Organization or run not found (or the caller is not a member)',
})
export class WorkflowRunsController {
  constructor(
    private readonly access: WorkflowAccess,
    private readonly runs: WorkflowRunsService,
  ) {}

  @Get(':id')
  @Scope('workflows:read')
  @ApiOperation({
    summary: 'One workflow run',
    description:
      'Every step with its status, attempts, output, error and times. Any member; API key scope: workflows:read.',
  })
  @ApiIdParam('id', 'Workflow run id')
  @ApiOkResponse({ description: 'The run', schema: workflowRunSchema })
  async get(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ) {
    return this.runs.get(await this.access.read(principal, org), id);
  }

  @Post(':id/cancel')
  @Scope('workflows:write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a run',
    description:
      'No further step starts: a run between steps ends cancelled at once, one in a step when that step is recorded. Needs the admin role; API key scope: workflows:write.',
  })
  @ApiIdParam('id', 'Workflow run id')
  @ApiOkResponse({ description: 'The run, cancelled or asked to stop', schema: workflowRunSchema })
  @ApiErrors({ status: 409, description: 'The run has already finished' })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ) {
    return this.runs.cancel(await this.access.write(principal, org), id);
  }

  @Post(':id/retry')
  @Scope('workflows:write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry a failed run',
    description:
      'It goes on from the step that failed; the steps before it are not repeated. Needs the admin role; API key scope: workflows:write.',
  })
  @ApiIdParam('id', 'Workflow run id')
  @ApiOkResponse({ description: 'The run, pending again', schema: workflowRunSchema })
  @ApiErrors({ status: 409, description: 'The run is not failed' })
  async retry(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ) {
    return this.runs.retry(await this.access.write(principal, org), id);
  }
}
