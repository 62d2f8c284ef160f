import { Inject, Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { countMfaVerification } from './mfa.metrics.js';
import type { MfaVerification } from './mfa-verification.js';
import { findUnusedRecoveryCode } from './recovery-codes.js';
import { Totp } from './totp.js';

const TOTP_CODE = /^\d{6}$/;

/** Checks a second factor of a user with MFA on: a TOTP code, or else one of their recovery codes. */
@Injectable()
export class MfaService {
  constructor(
    private readonly users: UsersRepository,
    private readonly secretBox: SecretBox,
    private readonly totp: Totp,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async verify(user: UserRecord, code: string, client: { ip?: string } = {}): Promise<MfaVerification> {
    const result = await this.check(user, code, client);
    countMfaVerification(result);
    return result;
  }

  private async check(user: UserRecord, code: string, client: { ip?: string }): Promise<MfaVerification> {
    const { mfa } = user;
    if (!mfa.enabled || !mfa.secret) return { ok: false, reason: 'not_enabled' };
    const userId = user._id.toHexString();
    const compact = code.replace(/\s+/g, '');

    if (TOTP_CODE.test(compact)) {
      const step = this.totp.matchStep(this.secretBox.decrypt(mfa.secret, userId), compact);
      if (step === null) return { ok: false, reason: 'invalid' };
      // Refuses a step not later than the last one used: the same code (or an older one) cannot serve twice.
      if (!(await this.users.advanceTotpStep(userId, step))) return { ok: false, reason: 'replayed' };
      return { ok: true, method: 'totp' };
    }

    const index = await findUnusedRecoveryCode(mfa.recoveryCodes, code);
    if (index === null) return { ok: false, reason: 'invalid' };
    if (!(await this.users.useRecoveryCode(userId, index, mfa.recoveryCodes[index]!.hash, this.clock.now()))) {
      return { ok: false, reason: 'replayed' };
    }
    await this.audit.recordForUser(userId, { action: 'mfa.recovery_code_used', ip: client.ip });
    return { ok: true, method: 'recovery' };
  }
}
