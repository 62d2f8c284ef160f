import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';

const ALGORITHM = 'HS256';
/** User and session ids as `sign` writes them (ObjectId.toHexString()). */
const ISSUED_ID = /^[0-9a-f]{24}$/;

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** Short-lived JWTs: the algorithm is pinned and issuer and audience are checked on every request. */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(config.auth.jwtSecret);
  }

  get ttlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  sign(claims: AccessClaims): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.config.auth.issuer)
      .setAudience(this.config.auth.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'sid'],
      });
      // Only ids as this class signs them: anything else (which takes the secret to make) would reach
      // Mongo as an id it cannot cast, or as another spelling of a real one.
      const { sub, sid } = payload;
      return typeof sid === 'string' && ISSUED_ID.test(sid) && sub && ISSUED_ID.test(sub)
        ? { userId: sub, sessionId: sid }
        : null;
    } catch {
      return null;
    }
  }
}
