import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import speakeasy from 'speakeasy';
import { CLOCK, type Clock } from '../common/clock.js';

export const TOTP_ISSUER = 'NovaPulse';
const PERIOD_SECONDS = 30;
const SECRET_BYTES = 20;
const DRIFT_STEPS = 1;
const SIX_DIGITS = /^\d{6}$/;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 6238 codes through speakeasy: 30-second steps, 6 digits, SHA-1 (what authenticator apps expect). */
@Injectable()
export class Totp {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /**
   * 160 random bits, base32. Not speakeasy's generateSecret: it draws printable characters with a
   * bias, leaving fewer random bits than the RFC 4226 minimum of 128.
   */
  newSecret(): string {
    return toBase32(randomBytes(SECRET_BYTES));
  }

  /** Labelled `NovaPulse:<email>` and with the issuer parameter too, as the Key URI format advises. */
  otpauthUrl(secret: string, email: string): string {
    const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(email)}`;
    return speakeasy.otpauthURL({ secret, encoding: 'base32', label, issuer: TOTP_ISSUER });
  }

  /** The time step `code` belongs to, within one step of now either side; null if it matches none. */
  matchStep(secret: string, code: string): number | null {
    // speakeasy parses the token with parseInt, which would accept "12345x" or " 12345".
    if (!SIX_DIGITS.test(code)) return null;
    const current = Math.floor(this.clock.now().getTime() / 1000 / PERIOD_SECONDS);
    const match = speakeasy.totp.verifyDelta({
      secret,
      encoding: 'base32',
      token: code,
      counter: current,
      window: DRIFT_STEPS,
    });
    return match ? current + match.delta : null;
  }
}

function toBase32(bytes: Buffer): string {
  let output = '';
  let buffered = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffered = ((buffered << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(buffered >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? output + BASE32_ALPHABET[(buffered << (5 - bits)) & 31] : output;
}
