import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { frontendLink } from '../common/http/frontend-link.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EmailService } from '../email/email.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { hashToken, newOpaqueToken } from './opaque-token.js';
import { PasswordChangeService } from './password-change.service.js';
import { refusePersonalPassword } from './password-policy.js';
import { PasswordResetsRepository } from './password-resets.repository.js';

const VALID_MINUTES = 30;

@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly passwords: PasswordChangeService,
    private readonly emails: EmailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The caller is answered before any of this runs, so neither the answer nor its timing says
   * whether the address has an account.
   */
  requestReset(email: string): void {
    void this.sendResetEmail(email).catch((error: unknown) =>
      this.logger.error({ message: 'password reset email failed', error }),
    );
  }

  private async sendResetEmail(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    const token = newOpaqueToken();
    const expiresAt = new Date(this.clock.now().getTime() + VALID_MINUTES * 60_000);
    await this.resets.create(user._id.toHexString(), hashToken(token), expiresAt);
    const resetUrl = frontendLink(this.config.auth.frontendUrl, '/reset-password', { token });
    await this.emails.send(user.email, 'password-reset', {
      resetUrl,
      expiresInMinutes: String(VALID_MINUTES),
    });
  }

  /**
   * Sets the new password and signs every session out. It signs nobody in: MFA still guards the next
   * sign-in. A password the policy refuses leaves the token usable.
   */
  async reset(token: string, password: string, ip: string): Promise<void> {
    const tokenHash = hashToken(token);
    const valid = await this.resets.findValid(tokenHash, this.clock.now());
    const user = valid && (await this.users.findById(valid.userId.toHexString()));
    if (!user) throw invalidToken();
    refusePersonalPassword(password, user);
    if (!(await this.resets.consume(tokenHash, this.clock.now()))) throw invalidToken();
    await this.passwords.apply(user, password, { how: 'reset', ip });
  }
}

function invalidToken() {
  return new BadRequestException({
    message: 'The reset link is invalid, expired or already used',
    details: [{ field: 'token', problem: 'is invalid, expired or already used' }],
  });
}
