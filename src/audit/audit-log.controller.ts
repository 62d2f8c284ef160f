import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { OrgAccess } from '../orgs/org-access.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { auditLogQuery, type AuditLogQuery } from './dto/audit-log-query.dto.js';

@Controller('orgs/:id/audit-log')
export class AuditLogController {
  constructor(
    private readonly access: OrgAccess,
    private readonly entries: AuditLogRepository,
  ) {}

  /** Newest first; `nextCursor` is null on the last page. */
  @Get()
  @Scope('audit:read')
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
