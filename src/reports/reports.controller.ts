import { Delete, Get, Headers, Param, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPartialContentResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { reportFileSchema, reportSchema } from '../openapi/report-schemas.js';
import { OrgHeader, type OrgHeaderValue, requestedOrgId } from '../orgs/org-header.js';
import { OrgScopedController } from '../orgs/org-scoped-controller.js';
import { parseByteRange } from './byte-range.js';
import { ReportsService } from './reports.service.js';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson' } as const;

@OrgScopedController({
  path: 'reports',
  tag: 'reports',
  headerDescription: 'The organization the report belongs to. Required for signed-in users.',
  notFound: 'Organization or report not found (or the caller is not a member)',
})
@ApiIdParam('id', 'Report id')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id')
  @Scope('reports:read')
  @ApiOperation({
    summary: 'A report: its status, progress, and (once completed) rows, bytes, sha256 and expiry',
    description: 'Needs the admin role; API key scope: reports:read.',
  })
  @ApiOkResponse({ description: 'The report', schema: reportSchema })
  get(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) reportId: string,
  ) {
    return this.reports.get(principal, requestedOrgId(principal, org), reportId);
  }

  @Get(':id/download')
  @Scope('reports:read')
  @ApiOperation({
    summary: "Download a completed report's file",
    description:
      'Streams the file; `ETag` is its sha256 (`If-None-Match` answers 304), and one `Range: bytes=` range ' +
      'is served as 206. Needs the admin role; API key scope: reports:read.',
  })
  @ApiOkResponse({
    description: 'The file',
    content: { 'text/csv': { schema: reportFileSchema }, 'application/x-ndjson': { schema: reportFileSchema } },
  })
  @ApiPartialContentResponse({
    description: 'The requested range',
    content: { 'application/octet-stream': { schema: reportFileSchema } },
  })
  @ApiErrors(
    { status: 409, description: 'The report is not completed' },
    { status: 410, description: 'The file has expired' },
  )
  async download(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) reportId: string,
    @Headers('range') rangeHeader: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { report, fileId, bytes, sha256, open } = await this.reports.file(
      principal,
      requestedOrgId(principal, org),
      reportId,
    );
    const etag = `"${sha256}"`;
    void reply
      .header('etag', etag)
      .header('accept-ranges', 'bytes')
      .header('cache-control', 'private, no-cache')
      .header('content-type', CONTENT_TYPES[report.format])
      .header('content-disposition', `attachment; filename="${report.type}-${reportId}.${report.format}"`);
    if (ifNoneMatch === etag) return void reply.code(304).send();
    const range = parseByteRange(rangeHeader, bytes);
    if (range === 'unsatisfiable') {
      return void reply
        .code(416)
        .header('content-range', `bytes */${bytes}`)
        .header('content-type', 'application/json; charset=utf-8')
        .send({
          statusCode: 416,
          error: 'Range Not Satisfiable',
          message: `The file has ${bytes} bytes`,
          requestId: reply.request.id,
        });
    }
    if (range) {
      return void reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${bytes}`)
        .header('content-length', String(range.end - range.start + 1))
        .send(open.openDownload(fileId, range));
    }
    return void reply.code(200).header('content-length', String(bytes)).send(open.openDownload(fileId));
  }

  @Delete(':id')
  @Scope('reports:write')
  @ApiOperation({
    summary: 'Cancel a queued or running report, or delete a finished one and its file',
    description:
      'A running report stops within a second or two and its partial file is removed. Needs the admin role; API key scope: reports:write.',
  })
  @ApiAcceptedResponse({ description: 'Cancelled', schema: reportSchema })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) reportId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const cancelled = await this.reports.remove(principal, requestedOrgId(principal, org), reportId);
    void reply.code(cancelled ? 202 : 204);
    return cancelled ?? undefined;
  }
}
