import { ConflictException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import QRCode from 'qrcode';
import { type AuditEvent, AuditLogService } from '../audit/audit-log.service.js';
import { verifySecret } from '../auth/passwords.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { EmailService } from '../email/email.service.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { PlatformEvents } from '../webhooks/events/platform-events.js';
import { MfaService } from './mfa.service.js';
import type { MfaVerification } from './mfa-verification.js';
import { newRecoveryCodes } from './recovery-codes.js';
import { Totp } from './totp.js';

export interface MfaSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export interface RecoveryCodes {
  recoveryCodes: string[];
}

const INVALID_CODE = 'The code is not valid';
const REPLAYED_CODE = 'This code was already used; wait for the next one';

/** A signed-in user turning MFA on and off and renewing their recovery codes. */
@Injectable()
export class MfaEnrollment {
  private readonly logger = new Logger(MfaEnrollment.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly mfa: MfaService,
    private readonly secretBox: SecretBox,
    private readonly totp: Totp,
    private readonly emails: EmailService,
    private readonly audit: AuditLogService,
    private readonly platformEvents: PlatformEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A new secret, pending until a code from it is verified; a previous pending one is replaced. */
  async setup(userId: string, password: string): Promise<MfaSetup> {
    const user = await this.userWithPassword(userId, password);
    if (user.mfa.enabled) throw new ConflictException({ message: 'Two-factor authentication is already enabled' });
    const secret = this.totp.newSecret();
    await this.users.setMfa(userId, { pendingSecret: this.secretBox.encrypt(secret, userId) });
    const otpauthUrl = this.totp.otpauthUrl(secret, user.email);
    return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl) };
  }

  async enable(userId: string, code: string, ip: string): Promise<RecoveryCodes> {
    const user = await this.signedInUser(userId);
    const { pendingSecret } = user.mfa;
    if (user.mfa.enabled) throw new ConflictException({ message: 'Two-factor authentication is already enabled' });
    if (!pendingSecret) throw new ConflictException({ message: 'Start with POST /mfa/setup' });
    const step = this.totp.matchStep(this.secretBox.decrypt(pendingSecret, userId), code.replace(/\s+/g, ''));
    if (step === null) throw new UnauthorizedException({ message: INVALID_CODE });
    // Records the step as used, so this code cannot sign in too; of two concurrent requests one wins.
    if (!(await this.users.advanceTotpStep(userId, step))) throw new UnauthorizedException({ message: REPLAYED_CODE });
    const { codes, stored } = await newRecoveryCodes();
    await this.users.setMfa(userId, {
      enabled: true,
      secret: pendingSecret,
      pendingSecret: null,
      enabledAt: this.clock.now(),
      recoveryCodes: stored,
    });
    await this.notify(user, { action: 'mfa.enabled', ip }, 'mfa-enabled');
    return { recoveryCodes: codes };
  }

  async disable(userId: string, password: string, code: string, ip: string): Promise<void> {
    const user = await this.userWithPassword(userId, password);
    await this.checkCode(user, code, ip);
    // lastUsedStep goes back to 0 with the secret: a new secret starts a new sequence of steps.
    await this.users.setMfa(userId, {
      enabled: false,
      secret: null,
      pendingSecret: null,
      lastUsedStep: 0,
      recoveryCodes: [],
      enabledAt: null,
    });
    await this.notify(user, { action: 'mfa.disabled', ip }, 'mfa-disabled');
  }

  async regenerateRecoveryCodes(userId: string, code: string, ip: string): Promise<RecoveryCodes> {
    const user = await this.signedInUser(userId);
    await this.checkCode(user, code, ip);
    const { codes, stored } = await newRecoveryCodes();
    await this.users.setMfa(userId, { recoveryCodes: stored });
    await this.notify(user, { action: 'mfa.recovery_codes_regenerated', ip });
    return { recoveryCodes: codes };
  }

  private async signedInUser(userId: string): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException({ message: 'The account no longer exists' });
    return user;
  }

  private async userWithPassword(userId: string, password: string): Promise<UserRecord> {
    const user = await this.signedInUser(userId);
    if (!(await verifySecret(user.passwordHash, password)))
      throw new UnauthorizedException({ message: 'The password is not correct' });
    return user;
  }

  private async checkCode(user: UserRecord, code: string, ip: string): Promise<void> {
    const result: MfaVerification = await this.mfa.verify(user, code, { ip });
    if (result.ok) return;
    if (result.reason === 'not_enabled')
      throw new ConflictException({ message: 'Two-factor authentication is not enabled' });
    throw new UnauthorizedException({ message: result.reason === 'replayed' ? REPLAYED_CODE : INVALID_CODE });
  }

  /**
   * The change is already stored: a failure to write the audit entry or queue the email is logged,
   * not thrown, so the caller still gets the recovery codes that will never be shown again.
   */
  private async notify(user: UserRecord, event: AuditEvent, email?: 'mfa-enabled' | 'mfa-disabled'): Promise<void> {
    const userId = user._id.toHexString();
    const tasks = [
      this.audit.recordForUser(userId, event),
      ...(email ? [this.emails.send(user.email, email, { name: user.name })] : []),
      ...(event.action === 'mfa.enabled' || event.action === 'mfa.disabled'
        ? [this.platformEvents.publishForUser(userId, event.action, {})]
        : []),
    ];
    for (const outcome of await Promise.allSettled(tasks)) {
      if (outcome.status === 'rejected')
        this.logger.error({ message: `could not record ${event.action}`, userId, error: outcome.reason as unknown });
    }
  }
}
