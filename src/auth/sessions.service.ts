import { Inject, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AuditLogService } from '../audit/audit-log.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EmailService } from '../email/email.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { AccessTokens } from './access-tokens.js';
import type { ClientInfo } from './decorators.js';
import { hashToken, newOpaqueToken } from './opaque-token.js';
import type { SessionRecord } from './session.schema.js';
import { SessionsRepository } from './sessions.repository.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

const DAY_MS = 86_400_000;

/** Sessions as refresh-token families: issue, rotate (with reuse detection), list and revoke. */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly accessTokens: AccessTokens,
    private readonly users: UsersRepository,
    private readonly audit: AuditLogService,
    private readonly emails: EmailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async start(userId: string, client: ClientInfo, mfaPassed = false): Promise<TokenPair> {
    const now = this.clock.now();
    const refreshToken = newOpaqueToken();
    const expiresAt = new Date(now.getTime() + this.config.auth.refreshTokenTtlDays * DAY_MS);
    const session = await this.sessions.create(
      userId,
      { tokenHash: hashToken(refreshToken), ...client, expiresAt, mfaPassed },
      now,
    );
    return this.pair(userId, session._id.toHexString(), refreshToken);
  }

  /**
   * Each refresh token works once. Presenting one that was already exchanged means it leaked (or
   * a client raced itself): every session of the user is revoked, so the newest token stops working too.
   * The one exception is a client racing itself: the token exchanged last, presented again within
   * REFRESH_REUSE_INTERVAL_SECONDS, gets the same successor it was exchanged for.
   */
  async refresh(refreshToken: string, ip: string): Promise<TokenPair> {
    const now = this.clock.now();
    const presented = hashToken(refreshToken);
    const next = this.successorOf(refreshToken);
    const session = await this.sessions.rotate(presented, hashToken(next), now);
    if (session) return this.pair(session.userId.toHexString(), session._id.toHexString(), next);

    const reused = await this.sessions.findByRotatedHash(presented);
    if (reused && this.withinReuseInterval(reused, hashToken(next), now)) {
      return this.pair(reused.userId.toHexString(), reused._id.toHexString(), next);
    }
    if (reused) {
      await this.endAfterReuse(reused.userId.toHexString(), reused._id.toHexString(), ip);
      throw new UnauthorizedException({ message: 'Refresh token was already used; every session has been revoked' });
    }
    throw new UnauthorizedException({ message: 'Refresh token is invalid or expired' });
  }

  /**
   * A refresh token's successor is derived from it with a server key rather than drawn at random, so
   * the same successor can be handed out again during the reuse interval without storing it.
   */
  private successorOf(refreshToken: string): string {
    return createHmac('sha256', this.config.auth.jwtRefreshSecret).update(refreshToken).digest('base64url');
  }

  /** The presented token was exchanged last (its successor is still current), moments ago, on a live session. */
  private withinReuseInterval(session: SessionRecord, successorHash: string, now: Date): boolean {
    const intervalMs = this.config.auth.refreshReuseIntervalSeconds * 1_000;
    return (
      session.tokenHash === successorHash &&
      now.getTime() - session.lastUsedAt.getTime() < intervalMs &&
      session.revokedAt === null &&
      session.expiresAt > now
    );
  }

  /**
   * A security event, as the token may be in someone else's hands: always logged; audited and told to
   * the owner when it ended sessions, so replaying a dead token (or a client racing itself) cannot
   * flood the audit log or the owner's inbox.
   */
  private async endAfterReuse(userId: string, sessionId: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const revoked = await this.sessions.revokeAll(userId, 'refresh_token_reuse', now);
    this.logger.warn({ message: 'refresh token reused; every session revoked', userId, sessionId, ip, revoked });
    if (revoked === 0) return;
    await this.audit.recordForUser(userId, { action: 'auth.refresh_token_reused', target: `session:${sessionId}`, ip });
    const user = await this.users.findById(userId);
    if (user)
      await this.emails.send(user.email, 'refresh-token-reused', { name: user.name, ip, at: now.toISOString() });
  }

  isActive(userId: string, sessionId: string): Promise<boolean> {
    return this.sessions.isActive(userId, sessionId, this.clock.now());
  }

  /** Whether the session is alive and its sign-in passed MFA. */
  async passedMfa(userId: string, sessionId: string): Promise<boolean> {
    return (await this.sessions.findActive(userId, sessionId, this.clock.now()))?.mfaPassed === true;
  }

  async list(userId: string, currentSessionId: string) {
    const sessions = await this.sessions.listActive(userId, this.clock.now());
    return sessions.map((s) => ({
      id: s._id.toHexString(),
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      expiresAt: s.expiresAt,
      userAgent: s.userAgent,
      ip: s.ip,
      current: s._id.toHexString() === currentSessionId,
    }));
  }

  /** Signing out this session (`logout`) or another of the user's (`revoked_by_user`); audited either way. */
  async revoke(userId: string, sessionId: string, reason: 'logout' | 'revoked_by_user', ip: string): Promise<void> {
    if (!(await this.sessions.revoke(userId, sessionId, reason, this.clock.now()))) {
      throw new NotFoundException({ message: 'No such active session' });
    }
    const action = reason === 'logout' ? 'auth.sign_out' : 'auth.session_revoked';
    await this.audit.recordForUser(userId, { action, target: `session:${sessionId}`, ip });
  }

  /** Signing out everywhere, audited. */
  async signOutEverywhere(userId: string, ip: string): Promise<number> {
    const revoked = await this.sessions.revokeAll(userId, 'logout_all', this.clock.now());
    await this.audit.recordForUser(userId, { action: 'auth.sign_out', ip });
    return revoked;
  }

  revokeAll(userId: string, reason: string): Promise<number> {
    return this.sessions.revokeAll(userId, reason, this.clock.now());
  }

  revokeAllExcept(userId: string, keepSessionId: string, reason: string): Promise<number> {
    return this.sessions.revokeAllExcept(userId, keepSessionId, reason, this.clock.now());
  }

  private async pair(userId: string, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.accessTokens.sign({ userId, sessionId });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.accessTokens.ttlSeconds };
  }
}
