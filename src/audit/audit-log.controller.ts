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
import { OrgAccess } from '../orgs/org-access.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { auditLogQuery, type AuditLogQuery } from './dto/audit-log-query.dto.js';

@ApiTags('audit log')
@ApiBearerAuth('bearer')
@Controller('orgs/:id/audit-log')
export class AuditLogController {
  constructor(
    private readonly access: OrgAccess,
    private readonly entries: AuditLogRepository,
  ) {}

  /** Newest first; `nextCursor` is null on the last page. */
  @Get()
  @Scope('audit:read')
  @ApiOperation({ summary: "A page of an organization's audit log", description: 'Newest first. Needs the admin role; API key scope: audit:read.' })
  @ApiIdParam('id', 'Organization id')
  @ApiQueryFrom(auditLogQuery)
  @ApiOkResponse({ description: 'One page of entries', schema: auditLogPageSchema })
  @ApiErrors(400, 401, 403, { status: 404, description: 'Organization not found (or the caller is not a member)' }, 429)
  async page(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Query(new ZodPipe(auditLogQuery)) query: AuditLogQuery,
  ) {
    const grant = await this.access.require(principal, orgId, { role: 'admin', scope: 'audit:read' });
    // One entry more than asked tells whether another page exists, so the last page is never empty.
    const entries = await this.entries.page(grant.orgId, query.limit + 1, query.cursor);
    const items = entries.slice(0, query.limit).map((e) => ({
      id: e._id.toHexString(),
      action: e.action,
      actorType: e.actorType,
      actorId: e.actorId,
      target: e.target,
      ip: e.ip,
      at: e.at,
    }));
    return { items, nextCursor: entries.length > query.limit ? items.at(-1)!.id : null };
  }
}
