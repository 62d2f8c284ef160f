import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { reportPageSchema, reportSchema } from '../openapi/report-schemas.js';
import { ApiQueryFrom, toOpenApi } from '../openapi/zod-schema.js';
import { type CreateReportBody, createReportBody } from './dto/create-report.dto.js';
import { type ListReportsQuery, listReportsQuery } from './dto/list-reports.dto.js';
import { ReportsService } from './reports.service.js';

@Controller('orgs/:id/reports')
@ApiTags('reports')
@ApiBearerAuth('bearer')
@ApiIdParam('id', 'Organization id')
@ApiErrors(400, 401, 403, { status: 404, description: 'Organization not found (or the caller is not a member)' }, 429)
export class OrgReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @Scope('reports:write')
  @ApiOperation({
    summary: 'Ask for a report',
    description:
      'The report is made in the background; follow `Location` (or the `report.completed` event). ' +
      '`webhook-deliveries`: one row per attempt in [from, to), optionally of one endpoint or outcome; ' +
      '`webhook-summary`: one row per endpoint; `audit-log`: the entries in [from, to). ' +
      'Needs the admin role; API key scope: reports:write.',
  })
  @ApiBody({ schema: toOpenApi(createReportBody) })
  @ApiAcceptedResponse({ description: 'Queued', schema: reportSchema })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Body(new ZodPipe(createReportBody)) body: CreateReportBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.reports.create(principal, orgId, body);
    void reply.header('location', `/api/v1/reports/${report.id}`);
    return report;
  }

  @Get()
  @Scope('reports:read')
  @ApiOperation({
    summary: "A page of the organization's reports",
    description: 'Newest first. Needs the admin role; API key scope: reports:read.',
  })
  @ApiQueryFrom(listReportsQuery)
  @ApiOkResponse({ description: 'One page of reports', schema: reportPageSchema })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Query(new ZodPipe(listReportsQuery)) query: ListReportsQuery,
  ) {
    return this.reports.list(principal, orgId, query.limit, query.cursor);
  }
}
