import { describe, expect, it } from '@jest/globals';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { passwordField, personalPasswordProblem } from './password-policy.js';

const owner = { email: 'grace.hopper@example.com', name: 'Grace Brewster Hopper' };

describe('password policy', () => {
  it('holds the public list of 10,000 and the long common ones, lowercased', () => {
    // 10,000 entries in the file, a few of them the same once lowercased.
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(9_950);
    expect(COMMON_PASSWORDS.has('password')).toBe(true);
    expect(COMMON_PASSWORDS.has('mailcreated5240')).toBe(true);
    expect(COMMON_PASSWORDS.has('novapulse1234')).toBe(true);
  });

  it('refuses a common password whatever its case', () => {
    for (const password of ['qwertyuiop123', 'QWERTY123456', 'LeaveMeAlone']) {
      const result = passwordField.safeParse(password);
      expect(result.error?.issues.map((i) => i.message)).toEqual(['is too common; choose another']);
    }
  });

  it("refuses the email's local part and any word of the name, case-insensitively", () => {
    expect(personalPasswordProblem('my-GRACE.HOPPER-pass', owner)).toBe('must not contain your email address');
    expect(personalPasswordProblem('brewster-and-more', owner)).toBe('must not contain your name');
    expect(personalPasswordProblem('hoppers are insects', owner)).toBe('must not contain your name');
  });

  it('accepts what shares only short pieces with the owner', () => {
    expect(personalPasswordProblem('an unrelated long passphrase', owner)).toBeNull();
    expect(personalPasswordProblem('al and bo walk home', { email: 'al@example.com', name: 'Al Bo' })).toBeNull();
  });
});
