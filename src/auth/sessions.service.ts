import { Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AccessTokens } from './access-tokens.js';
import type { ClientInfo } from './decorators.js';
import { hashToken, newOpaqueToken } from './opaque-token.js';
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
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly accessTokens: AccessTokens,
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
   * a client raced itself): the whole family is revoked, so the newest token stops working too.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.clock.now();
    const presented = hashToken(refreshToken);
    const next = newOpaqueToken();
    const session = await this.sessions.rotate(presented, hashToken(next), now);
    if (session) return this.pair(session.userId.toHexString(), session._id.toHexString(), next);

    const reused = await this.sessions.findByRotatedHash(presented);
    if (reused) {
      await this.sessions.revoke(reused.userId.toHexString(), reused._id.toHexString(), 'refresh_token_reuse', now);
      throw new UnauthorizedException({ message: 'Refresh token was already used; the session has been revoked' });
    }
    throw new UnauthorizedException({ message: 'Refresh token is invalid or expired' });
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

  async revoke(userId: string, sessionId: string, reason: string): Promise<void> {
    if (!(await this.sessions.revoke(userId, sessionId, reason, this.clock.now()))) {
      throw new NotFoundException({ message: 'No such active session' });
    }
  }

  revokeAll(userId: string, reason: string): Promise<number> {
    return this.sessions.revokeAll(userId, reason, this.clock.now());
  }

  private async pair(userId: string, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.accessTokens.sign({ userId, sessionId });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.accessTokens.ttlSeconds };
  }
}
