import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { EmailService } from '../email/email.service.js';
import { MfaService } from '../mfa/mfa.service.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { refusePersonalPassword } from './password-policy.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { hashSecret, verifySecret } from './passwords.js';
import { SessionsService } from './sessions.service.js';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  code?: string | undefined;
}

/**
 * Setting a new password, by the signed-in user or with a reset link, and what follows it either way:
 * outstanding reset links die, sessions are signed out, the audit log records it and the owner is told.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly sessions: SessionsService,
    private readonly mfa: MfaService,
    private readonly audit: AuditLogService,
    private readonly emails: EmailService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A signed-in change: proves the current password (and a code with MFA on); keeps only this session. */
  async change(signedIn: { userId: string; sessionId: string }, change: PasswordChange, ip: string): Promise<void> {
    const user = await this.users.findById(signedIn.userId);
    if (!user) throw new NotFoundException({ message: 'The account no longer exists' });
    refusePersonalPassword(change.newPassword, user, 'newPassword');
    if (!(await verifySecret(user.passwordHash, change.currentPassword))) {
      throw fieldProblem('currentPassword', 'is not your current password');
    }
    if (user.mfa.enabled) {
      if (!change.code) throw fieldProblem('code', 'is required while two-factor authentication is on');
      if (!(await this.mfa.verify(user, change.code, { ip })).ok)
        throw fieldProblem('code', 'is invalid or already used');
    }
    await this.apply(user, change.newPassword, { how: 'change', keepSessionId: signedIn.sessionId, ip });
  }

  /** Stores the new password and does what must follow; the caller has checked who asks. */
  async apply(
    user: UserRecord,
    password: string,
    options: { how: 'reset' | 'change'; keepSessionId?: string; ip: string },
  ): Promise<void> {
    const userId = user._id.toHexString();
    const now = this.clock.now();
    await this.users.setPasswordHash(userId, await hashSecret(password));
    await this.resets.voidAllFor(userId, now);
    const reason = options.how === 'reset' ? 'password_reset' : 'password_changed';
    if (options.keepSessionId) await this.sessions.revokeAllExcept(userId, options.keepSessionId, reason);
    else await this.sessions.revokeAll(userId, reason);
    await this.audit.recordForUser(userId, {
      action: options.how === 'reset' ? 'auth.password_reset' : 'auth.password_changed',
      ip: options.ip,
    });
    await this.emails.send(user.email, 'password-changed', {
      name: user.name,
      at: now.toISOString(),
      how: options.how,
    });
  }
}

function fieldProblem(field: string, problem: string) {
  return new BadRequestException({ message: `The ${field} ${problem}`, details: [{ field, problem }] });
}
