import { generateSync } from 'otplib';
import type { Clock } from '../common/clock.js';
import { Totp } from './totp.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
// 30 s steps: this instant is 10 s into step 56_666_666.
const NOW_SECONDS = 56_666_666 * 30 + 10;
const STEP = 56_666_666;

const clockAt = (seconds: number): Clock => ({ now: () => new Date(seconds * 1000) });
const codeAt = (seconds: number, secret = SECRET) => generateSync({ secret, epoch: seconds });

describe('Totp', () => {
  const totp = new Totp(clockAt(NOW_SECONDS));

  it('returns the current step for a current code', () => {
    expect(totp.matchStep(SECRET, codeAt(NOW_SECONDS))).toBe(STEP);
  });

  it('allows one step of drift either way and says which step matched', () => {
    expect(totp.matchStep(SECRET, codeAt(NOW_SECONDS - 30))).toBe(STEP - 1);
    expect(totp.matchStep(SECRET, codeAt(NOW_SECONDS + 30))).toBe(STEP + 1);
  });

  it('refuses codes two steps away', () => {
    expect(totp.matchStep(SECRET, codeAt(NOW_SECONDS - 60))).toBeNull();
    expect(totp.matchStep(SECRET, codeAt(NOW_SECONDS + 60))).toBeNull();
  });

  it('reads the time from the clock it was given', () => {
    const later = new Totp(clockAt(NOW_SECONDS + 300));
    expect(later.matchStep(SECRET, codeAt(NOW_SECONDS))).toBeNull();
    expect(later.matchStep(SECRET, codeAt(NOW_SECONDS + 300))).toBe(STEP + 10);
  });

  it('refuses anything but exactly six digits', () => {
    const code = codeAt(NOW_SECONDS);
    for (const bad of [`${code.slice(0, 5)}x`, ` ${code.slice(1)}`, `${code}0`, code.slice(0, 5), '', '+12345']) {
      expect(totp.matchStep(SECRET, bad)).toBeNull();
    }
  });

  it('makes 160-bit base32 secrets that otplib codes verify against', () => {
    const secret = totp.newSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totp.newSecret()).not.toBe(secret);
    expect(totp.matchStep(secret, codeAt(NOW_SECONDS, secret))).toBe(STEP);
  });

  it('builds an otpauth URL labelled with the issuer and the email', () => {
    const url = new URL(totp.otpauthUrl(SECRET, 'ada+mfa@example.com'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.pathname).toBe('/NovaPulse:ada%2Bmfa%40example.com');
    expect(decodeURIComponent(url.pathname)).toBe('/NovaPulse:ada+mfa@example.com');
    expect(url.searchParams.get('secret')).toBe(SECRET);
    expect(url.searchParams.get('issuer')).toBe('NovaPulse');
  });
});
