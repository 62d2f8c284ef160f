import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { type Page, pageOf } from '../database/pagination.js';
import { MembershipsRepository } from '../orgs/memberships.repository.js';
import { OrgAccess } from '../orgs/org-access.js';
import type { AuditAction, AuditEntryRecord } from './audit-entry.schema.js';
import { AuditLogRepository } from './audit-log.repository.js';
import type { AuditLogQuery } from './dto/audit-log-query.dto.js';

/** Who acted: a principal, or a user acting without one yet (e.g. accepting an invitation as they sign up). */
export type AuditActor = { kind: 'user'; userId: string } | { kind: 'apiKey'; keyId: string };

export interface AuditEvent {
  action: AuditAction;
  target?: string;
  ip?: string;
}

function auditEntryView(e: AuditEntryRecord) {
  return {
    id: e._id.toHexString(),
    action: e.action,
    actorType: e.actorType,
    actorId: e.actorId,
    target: e.target,
    ip: e.ip,
    at: e.at,
  };
}
type AuditEntryView = ReturnType<typeof auditEntryView>;

@Injectable()
export class AuditLogService {
  constructor(
    private readonly entries: AuditLogRepository,
    private readonly memberships: MembershipsRepository,
    private readonly access: OrgAccess,
  ) {}

  /** Newest first, for the organization's admins and `audit:read` keys. */
  async page(principal: Principal, orgId: string, query: AuditLogQuery): Promise<Page<AuditEntryView>> {
    const grant = await this.access.require(principal, orgId, { role: 'admin' });
    return pageOf((limit) => this.entries.page(grant.orgId, limit, query.cursor), query.limit, auditEntryView);
  }

  /** An action in one organization, by whoever made the request. */
  async record(orgId: string, actor: AuditActor, event: AuditEvent): Promise<void> {
    const [actorType, actorId] =
      actor.kind === 'user' ? (['user', actor.userId] as const) : (['apiKey', actor.keyId] as const);
    await this.entries.append([orgId], {
      actorType,
      actorId,
      action: event.action,
      target: event.target ?? null,
      ip: event.ip ?? null,
    });
  }

  /** An action on a user's own account (sign-in, MFA): every organization they belong to sees it. */
  async recordForUser(userId: string, event: AuditEvent): Promise<void> {
    const orgIds = (await this.memberships.forUser(userId)).map((m) => m.orgId.toHexString());
    await this.entries.append(orgIds, {
      actorType: 'user',
      actorId: userId,
      action: event.action,
      target: event.target ?? `user:${userId}`,
      ip: event.ip ?? null,
    });
  }
}
