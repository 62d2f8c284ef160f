import { Inject, Injectable } from '@nestjs/common';
import { hashToken, newOpaqueToken } from '../auth/opaque-token.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { MfaChallengesRepository } from './mfa-challenges.repository.js';

export const MFA_CHALLENGE_TTL_MS = 5 * 60_000;

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

  /** The user id of a valid, unexpired, unused challenge; null otherwise. */
  async find(token: string): Promise<string | null> {
    const challenge = await this.challenges.findUnexpired(hashToken(token), this.clock.now());
    return challenge ? challenge.userId.toHexString() : null;
  }

  /** True for exactly one caller per challenge, and only while it is valid. */
  consume(token: string): Promise<boolean> {
    return this.challenges.consume(hashToken(token), this.clock.now());
  }
}
