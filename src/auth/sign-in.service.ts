import { HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EmailService } from '../email/email.service.js';
import { MfaService } from '../mfa/mfa.service.js';
import { MfaChallenges } from '../mfa/mfa-challenges.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { countLogin, type LoginOutcome } from './auth.metrics.js';
import type { ClientInfo } from './decorators.js';
import { lockoutDelayMs } from './lockout.js';
import { verifyNothing, verifySecret } from './passwords.js';
import { SessionsService, type TokenPair } from './sessions.service.js';

export type SignInResult = ({ mfaRequired: false } & TokenPair) | { mfaRequired: true; mfaToken: string };

const INVALID_CREDENTIALS = 'Invalid email or password';

/** Password sign-in, the MFA second step, and the per-account lockout both of them feed. */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly mfa: MfaService,
    private readonly challenges: MfaChallenges,
    private readonly audit: AuditLogService,
    private readonly emails: EmailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async withPassword(email: string, password: string, client: ClientInfo): Promise<SignInResult> {
    const result = await counted(this.passwordStep(email, password, client), 'invalid_credentials');
    countLogin(result.mfaRequired ? 'mfa_required' : 'success');
    return result;
  }

  /** The second step: a TOTP code or a recovery code for the challenge the password step issued. */
  async withMfa(mfaToken: string, code: string, client: ClientInfo): Promise<TokenPair> {
    const tokens = await counted(this.mfaStep(mfaToken, code, client), 'invalid_mfa');
    countLogin('success');
    return tokens;
  }

  private async passwordStep(email: string, password: string, client: ClientInfo): Promise<SignInResult> {
    const user = await this.users.findByEmail(email);
    if (!user) {
      await verifyNothing(password);
      throw new UnauthorizedException({ message: INVALID_CREDENTIALS });
    }
    this.refuseWhileDelayed(user);
    if (!(await verifySecret(user.passwordHash, password))) {
      await this.recordFailure(user, client);
      throw new UnauthorizedException({ message: INVALID_CREDENTIALS });
    }
    if (user.mfa.enabled) {
      return { mfaRequired: true, mfaToken: await this.challenges.create(user._id.toHexString()) };
    }
    return { mfaRequired: false, ...(await this.complete(user, client)) };
  }

  private async mfaStep(mfaToken: string, code: string, client: ClientInfo): Promise<TokenPair> {
    const userId = await this.challenges.startCheck(mfaToken);
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw new UnauthorizedException({ message: 'MFA token is invalid or expired; sign in again' });
    try {
      this.refuseWhileDelayed(user);
      const check = await this.mfa.verify(user, code, { ip: client.ip });
      if (!check.ok) {
        await this.recordFailure(user, client);
        const message =
          check.reason === 'replayed' ? 'This code was already used; wait for the next one' : 'Invalid code';
        throw new UnauthorizedException({ message });
      }
    } catch (error) {
      await this.challenges.endCheck(mfaToken);
      throw error;
    }
    if (!(await this.challenges.consume(mfaToken))) {
      throw new UnauthorizedException({ message: 'MFA token is invalid or expired; sign in again' });
    }
    return this.complete(user, client);
  }

  private async complete(user: UserRecord, client: ClientInfo): Promise<TokenPair> {
    const userId = user._id.toHexString();
    await this.users.resetFailedLogins(userId);
    // complete() follows the MFA step exactly when the user has MFA on.
    const tokens = await this.sessions.start(userId, client, user.mfa.enabled);
    await this.audit.recordForUser(userId, { action: 'auth.sign_in', ip: client.ip });
    await this.emails.send(user.email, 'new-sign-in', {
      name: user.name,
      ip: client.ip,
      userAgent: client.userAgent,
      at: this.clock.now().toISOString(),
    });
    return tokens;
  }

  /** While the lockout delay runs, even the right password is refused, with the time to wait. */
  private refuseWhileDelayed(user: UserRecord) {
    const waitMs = (user.loginDelayedUntil?.getTime() ?? 0) - this.clock.now().getTime();
    if (waitMs > 0) {
      const retryAfter = Math.ceil(waitMs / 1000);
      throw new HttpException(
        { message: `Too many failed sign-in attempts; try again in ${retryAfter} s`, retryAfter },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  /**
   * Counts the failure toward the lockout and audits it. Only the 1st, 2nd, 4th, 8th… consecutive
   * failure gets an entry, so guessing at an account cannot flood its organizations' audit logs; each
   * lockout gets one, and the lockout itself spaces those out.
   */
  private async recordFailure(user: UserRecord, client: ClientInfo) {
    const userId = user._id.toHexString();
    const failures = await this.users.recordFailedLogin(userId);
    if (isPowerOfTwo(failures))
      await this.audit.recordForUser(userId, { action: 'auth.sign_in_failed', ip: client.ip });
    const delayMs = lockoutDelayMs(failures, this.config.auth.lockout);
    if (delayMs > 0) {
      await this.users.delayLogins(userId, new Date(this.clock.now().getTime() + delayMs));
      this.logger.warn({
        message: 'sign-in delayed after repeated failures',
        userId,
        failures,
        delayMs,
        ip: client.ip,
      });
      await this.audit.recordForUser(userId, { action: 'auth.locked_out', ip: client.ip });
    }
  }
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** Counts a refused step: 429 is the lockout, any other 4xx the given outcome; server errors are not sign-in outcomes. */
async function counted<T>(step: Promise<T>, refused: LoginOutcome): Promise<T> {
  try {
    return await step;
  } catch (error) {
    const status = error instanceof HttpException ? error.getStatus() : 500;
    if (status === HttpStatus.TOO_MANY_REQUESTS) countLogin('locked_out');
    else if (status < 500) countLogin(refused);
    throw error;
  }
}
