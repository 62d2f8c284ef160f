import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service.js';
import { hashToken } from '../auth/opaque-token.js';
import { refusePersonalPassword } from '../auth/password-policy.js';
import { hashSecret } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import { RegistrationService } from '../auth/registration.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { isDuplicateKey } from '../database/mongo-errors.js';
import { MembershipsRepository } from '../orgs/memberships.repository.js';
import { OrganizationsRepository } from '../orgs/organizations.repository.js';
import type { Role } from '../orgs/roles.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { PlatformEvents } from '../webhooks/events/platform-events.js';
import type { AcceptInvitationBody } from './dto/accept-invitation.dto.js';
import type { InvitationRecord } from './invitation.schema.js';
import { invitationStatus } from './invitation-views.js';
import { InvitationsRepository } from './invitations.repository.js';

export interface AcceptedInvitation {
  organization: { id: string; name: string };
  role: Role;
  user: { id: string; email: string; name: string };
}

const REFUSALS = {
  accepted: 'This invitation has already been used',
  revoked: 'This invitation was withdrawn; ask for a new one',
  expired: 'This invitation has expired; ask for a new one',
} as const;

/** Joining an organization through an invitation: as the signed-in user, or as a new account for the invited email. */
@Injectable()
export class InvitationAcceptance {
  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly registration: RegistrationService,
    private readonly audit: AuditLogService,
    private readonly platformEvents: PlatformEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async accept(principal: Principal | undefined, body: AcceptInvitationBody, ip: string): Promise<AcceptedInvitation> {
    if (principal?.kind === 'apiKey') throw new ForbiddenException({ message: 'API keys cannot accept invitations' });
    const tokenHash = hashToken(body.token);
    const invitation = await this.invitations.findByTokenHash(tokenHash);
    if (!invitation) throw new NotFoundException({ message: 'Invitation not found' });
    this.assertPending(invitation);
    const orgId = invitation.orgId.toHexString();

    const user = principal
      ? await this.joinAsUser(principal.userId, invitation, tokenHash)
      : await this.joinAsNewUser(body, invitation, tokenHash);
    const userId = user._id.toHexString();
    let joined = true;
    try {
      await this.memberships.add(orgId, userId, invitation.role);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      joined = false;
    }
    await this.audit.record(orgId, { kind: 'user', userId }, { action: 'member.joined', target: `user:${userId}`, ip });
    if (joined) await this.platformEvents.publish(orgId, 'member.joined', { userId, role: invitation.role });
    const org = await this.orgs.findById(orgId);
    return {
      organization: { id: orgId, name: org?.name ?? '' },
      role: invitation.role,
      user: { id: userId, email: user.email, name: user.name },
    };
  }

  private async joinAsUser(userId: string, invitation: InvitationRecord, tokenHash: string): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException({ message: 'Sign in again' });
    if (user.email !== invitation.email) {
      throw new ForbiddenException({
        message: 'This invitation was sent to another email address; sign in with that address to accept it',
      });
    }
    if (await this.memberships.find(invitation.orgId.toHexString(), userId)) {
      throw new ConflictException({ message: 'You are already a member of this organization' });
    }
    await this.claim(tokenHash);
    return user;
  }

  /**
   * The invitation proves the address, so the new account needs no separate email check. The account
   * is created before the invitation is claimed: the unique email decides a race between two
   * accepts (or an accept and a sign-up), so a lost race leaves the invitation as it was.
   */
  private async joinAsNewUser(
    body: AcceptInvitationBody,
    invitation: InvitationRecord,
    tokenHash: string,
  ): Promise<UserRecord> {
    const { name, password } = body;
    if (!name || !password) {
      const missing = (['name', 'password'] as const).filter((field) => !body[field]);
      throw new BadRequestException({
        message: 'Sign in to accept, or give a name and a password to create your account',
        details: missing.map((field) => ({ field, problem: 'is required to create an account' })),
      });
    }
    refusePersonalPassword(password, { email: invitation.email, name });
    if (await this.users.findByEmail(invitation.email)) throw accountExists();
    const passwordHash = await hashSecret(password);
    let user: UserRecord;
    try {
      user = await this.registration.createAccount({ email: invitation.email, name, passwordHash });
    } catch (error) {
      throw isDuplicateKey(error) ? accountExists() : error;
    }
    await this.claim(tokenHash);
    return user;
  }

  private async claim(tokenHash: string): Promise<void> {
    const claimed = await this.invitations.claim(tokenHash, this.clock.now());
    if (claimed) return;
    // Someone else accepted or revoked it since it was read: say which.
    const current = await this.invitations.findByTokenHash(tokenHash);
    if (current) this.assertPending(current);
    throw new GoneException({ message: REFUSALS.accepted });
  }

  private assertPending(invitation: InvitationRecord): void {
    const status = invitationStatus(invitation, this.clock.now());
    if (status !== 'pending') throw new GoneException({ message: REFUSALS[status] });
  }
}

function accountExists(): ConflictException {
  return new ConflictException({
    message: 'An account with this email address exists: sign in, then accept the invitation',
  });
}
