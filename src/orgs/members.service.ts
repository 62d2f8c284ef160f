import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service.js';
import type { Principal } from '../auth/principal.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import type { MembershipRecord } from './membership.schema.js';
import { MembershipsRepository } from './memberships.repository.js';
import { OrgAccess } from './org-access.js';
import { type MemberView, memberView } from './org-views.js';
import type { Role } from './roles.js';

@Injectable()
export class MembersService {
  constructor(
    private readonly access: OrgAccess,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(principal: Principal, orgId: string): Promise<MemberView[]> {
    const grant = await this.access.require(principal, orgId);
    const memberships = await this.memberships.list(grant.orgId);
    const users = new Map(
      (await this.users.findByIds(memberships.map((m) => m.userId.toHexString()))).map((u) => [u._id.toHexString(), u]),
    );
    return memberships.flatMap((m) => {
      const user = users.get(m.userId.toHexString());
      return user ? [memberView(m, user)] : [];
    });
  }

  async changeRole(principal: Principal, orgId: string, userId: string, role: Role, ip: string): Promise<MemberView> {
    const grant = await this.access.require(principal, orgId, { role: 'admin' });
    const { member, user } = await this.findMember(grant.orgId, userId);
    if ((role === 'owner' || member.role === 'owner') && grant.role !== 'owner') {
      throw new ForbiddenException({ message: 'Only an owner can grant or take away the owner role' });
    }
    if (member.role !== role) {
      await this.setRoleKeepingAnOwner(grant.orgId, member, role);
      await this.audit.record(grant.orgId, principal, { action: 'member.role_changed', target: `user:${userId}`, ip });
    }
    return memberView({ ...member, role }, user);
  }

  /** Admins remove others; any member may leave. An owner is removed only by an owner (or themself). */
  async remove(principal: Principal, orgId: string, userId: string, ip: string): Promise<void> {
    const leaving = principal.kind === 'user' && principal.userId.toLowerCase() === userId.toLowerCase();
    const grant = await this.access.require(principal, orgId, { role: leaving ? 'member' : 'admin' });
    const { member } = await this.findMember(grant.orgId, userId);
    if (member.role === 'owner' && !leaving && grant.role !== 'owner') {
      throw new ForbiddenException({ message: 'Only an owner can remove an owner' });
    }
    // Stepping an owner down first puts removal behind the same last-owner check as a role change.
    if (member.role === 'owner') await this.setRoleKeepingAnOwner(grant.orgId, member, 'member');
    if (await this.memberships.remove(grant.orgId, userId)) {
      await this.audit.record(grant.orgId, principal, { action: 'member.removed', target: `user:${userId}`, ip });
    }
  }

  private async findMember(orgId: string, userId: string): Promise<{ member: MembershipRecord; user: UserRecord }> {
    const [member, user] = await Promise.all([this.memberships.find(orgId, userId), this.users.findById(userId)]);
    if (!member || !user) throw new NotFoundException({ message: 'Member not found' });
    return { member, user };
  }

  /**
   * Without transactions, two owners stepping each other down at once could both pass a count taken
   * beforehand. So the count is taken again after the change, and a change that left no owner is undone.
   */
  private async setRoleKeepingAnOwner(orgId: string, member: MembershipRecord, role: Role): Promise<void> {
    const userId = member.userId.toHexString();
    const demotesOwner = member.role === 'owner' && role !== 'owner';
    if (demotesOwner && (await this.memberships.countOwners(orgId)) <= 1) throw lastOwner();
    if (!(await this.memberships.setRole(orgId, userId, role, member.role))) {
      throw new ConflictException({ message: "The member's role changed meanwhile; reload and try again" });
    }
    if (demotesOwner && (await this.memberships.countOwners(orgId)) === 0) {
      await this.memberships.setRole(orgId, userId, 'owner');
      throw lastOwner();
    }
  }
}

function lastOwner(): ConflictException {
  return new ConflictException({ message: 'An organization needs an owner: make someone else owner first' });
}
