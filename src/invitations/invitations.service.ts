import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service.js';
import { hashToken, newOpaqueToken } from '../auth/opaque-token.js';
import type { Principal } from '../auth/principal.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { frontendLink } from '../common/http/frontend-link.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EmailService } from '../email/email.service.js';
import { MembershipsRepository } from '../orgs/memberships.repository.js';
import { OrgAccess, orgNotFound } from '../orgs/org-access.js';
import { OrganizationsRepository } from '../orgs/organizations.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { PlatformEvents } from '../webhooks/events/platform-events.js';
import type { CreateInvitationBody } from './dto/create-invitation.dto.js';
import { type InvitationView, invitationView } from './invitation-views.js';
import { InvitationsRepository } from './invitations.repository.js';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

@Injectable()
export class InvitationsService {
  constructor(
    private readonly access: OrgAccess,
    private readonly invitations: InvitationsRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
    private readonly emails: EmailService,
    private readonly audit: AuditLogService,
    private readonly platformEvents: PlatformEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The token goes out in the email only; the answer, the database and the logs never hold it. */
  async invite(
    principal: UserPrincipal,
    orgId: string,
    body: CreateInvitationBody,
    ip: string,
  ): Promise<InvitationView> {
    const grant = await this.access.require(principal, orgId, { role: 'admin' });
    if (body.role === 'owner' && grant.role !== 'owner')
      throw new ForbiddenException({ message: 'Only an owner can invite an owner' });
    const [org, inviter, invitee] = await Promise.all([
      this.orgs.findById(grant.orgId),
      this.users.findById(principal.userId),
      this.users.findByEmail(body.email),
    ]);
    if (!org || !inviter) throw orgNotFound();
    if (invitee && (await this.memberships.find(grant.orgId, invitee._id.toHexString()))) {
      throw new ConflictException({ message: `${body.email} is already a member` });
    }

    const now = this.clock.now();
    await this.invitations.revokePendingFor(grant.orgId, body.email, now);
    const token = newOpaqueToken();
    const invitation = await this.invitations.create(grant.orgId, {
      email: body.email,
      role: body.role,
      tokenHash: hashToken(token),
      invitedBy: principal.userId,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    });
    const invitationId = invitation._id.toHexString();
    const acceptUrl = frontendLink(this.config.auth.frontendUrl, '/invitations/accept', { token });
    await this.emails.send(
      body.email,
      'invitation',
      { orgName: org.name, inviterName: inviter.name, acceptUrl },
      { dedupeKey: `invitation:${invitationId}` },
    );
    await this.audit.record(grant.orgId, principal, {
      action: 'member.invited',
      target: `invitation:${invitationId}`,
      ip,
    });
    await this.platformEvents.publish(grant.orgId, 'member.invited', {
      invitationId,
      email: body.email,
      role: body.role,
      invitedBy: principal.userId,
    });
    return invitationView(invitation, now);
  }

  async list(principal: UserPrincipal, orgId: string): Promise<InvitationView[]> {
    const grant = await this.access.require(principal, orgId, { role: 'admin' });
    const now = this.clock.now();
    return (await this.invitations.list(grant.orgId)).map((invitation) => invitationView(invitation, now));
  }

  /** Revoking twice answers the same as once; an accepted invitation can no longer be revoked. */
  async revoke(principal: UserPrincipal, orgId: string, invitationId: string, ip: string): Promise<void> {
    const grant = await this.access.require(principal, orgId, { role: 'admin' });
    if (await this.invitations.revoke(grant.orgId, invitationId, this.clock.now())) {
      await this.audit.record(grant.orgId, principal, {
        action: 'member.invitation_revoked',
        target: `invitation:${invitationId}`,
        ip,
      });
      return;
    }
    const invitation = await this.invitations.find(grant.orgId, invitationId);
    if (!invitation) throw new NotFoundException({ message: 'Invitation not found' });
    if (invitation.acceptedAt)
      throw new ConflictException({ message: 'This invitation was accepted already; remove the member instead' });
  }
}
