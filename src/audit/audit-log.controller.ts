import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { auditLogPageSchema } from '../openapi/org-schemas.js';
import { ApiQueryFrom } from '../openapi/zod-schema.js';
import { AuditLogService } from './audit-log.service.js';
import { type AuditLogQuery, auditLogQuery } from './dto/audit-log-query.dto.js';

@ApiTags('audit log')
@ApiBearerAuth('bearer')
@Controller('orgs/:id/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Scope('audit:read')
  @ApiOperation({
    summary: "A page of an organization's audit log",
    description: 'Newest first. Needs the admin role; API key scope: audit:read.',
  })
  @ApiIdParam('id', 'Organization id')
  @ApiQueryFrom(auditLogQuery)
  @ApiOkResponse({ description: 'One page of entries', schema: auditLogPageSchema })
  @ApiErrors(400, 401, 403, { status: 404, description: 'Organization not found (or the caller is not a member)' }, 429)
  page(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Query(new ZodPipe(auditLogQuery)) query: AuditLogQuery,
  ) {
    return this.auditLog.page(principal, orgId, query);
  }
}
