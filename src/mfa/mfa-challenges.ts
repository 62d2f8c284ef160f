import { Inject, Injectable } from '@nestjs/common';
import { hashToken, newOpaqueToken } from '../auth/opaque-token.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { MfaChallengesRepository } from './mfa-challenges.repository.js';

export const MFA_CHALLENGE_TTL_MS = 5 * 60_000;
/** How long one code check holds a challenge if its process dies before handing it back. */
const CHECK_LEASE_MS = 10_000;

/** The short-lived, single-use token between the password step and the code step of a sign-in. */
@Injectable()
export class MfaChallenges {
  constructor(
    private readonly challenges: MfaChallengesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(userId: string): Promise<string> {
    const now = this.clock.now();
    // Unused challenges are removed here, as there is no TTL index on FerretDB; expired ones are worthless.
    await this.challenges.deleteExpired(now);
    const token = newOpaqueToken();
    await this.challenges.create(userId, hashToken(token), new Date(now.getTime() + MFA_CHALLENGE_TTL_MS));
    return token;
  }

  /**
   * Takes a valid challenge for one code check: its user id, or null when it is expired, used, unknown,
   * or another request is checking a code against it right now (that request's code decides first, so
   * concurrent sign-ins never spend several recovery codes on one challenge).
   */
  startCheck(token: string): Promise<string | null> {
    const now = this.clock.now();
    return this.challenges.startCheck(hashToken(token), now, new Date(now.getTime() + CHECK_LEASE_MS));
  }

  /** After a wrong code: the challenge may be tried again. */
  endCheck(token: string): Promise<void> {
    return this.challenges.endCheck(hashToken(token));
  }

  /** True for exactly one caller per challenge, and only while it is valid. */
  consume(token: string): Promise<boolean> {
    return this.challenges.consume(hashToken(token), this.clock.now());
  }
}
