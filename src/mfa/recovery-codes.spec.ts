import {
  findUnusedRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
} from './recovery-codes.js';

describe('recovery codes', () => {
  it('normalises case, dashes and spaces', () => {
    expect(normaliseRecoveryCode('abcde-fghjk')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode('ABCDE-FGHJK')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode(' abcde fghjk ')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode('ab-cd-ef--gh\tjk')).toBe('abcdefghjk');
  });

  it('refuses input that cannot be a code', () => {
    for (const bad of ['abcde-fghj', 'abcde-fghjkm', 'abcde-fghj0', 'abcde-fghjl', 'abcde_fghjk', '123456', '']) {
      expect(normaliseRecoveryCode(bad)).toBeNull();
    }
  });

  it('makes ten distinct, well-formed codes and stores only their hashes', async () => {
    const { codes, stored } = await newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(stored).toHaveLength(RECOVERY_CODE_COUNT);
    for (const [index, entry] of stored.entries()) {
      expect(entry.usedAt).toBeNull();
      expect(entry.hash).toMatch(/^\$argon2id\$/);
      expect(entry.hash).not.toContain(normaliseRecoveryCode(codes[index]!));
    }
  });

  it('finds the unused code typed in any case or spacing, and skips used ones', async () => {
    const { codes, stored } = await newRecoveryCodes();
    const typed = ` ${codes[3]!.toUpperCase().replace('-', ' ')} `;
    await expect(findUnusedRecoveryCode(stored, typed)).resolves.toBe(3);
    const afterUse = stored.map((code, index) => (index === 3 ? { ...code, usedAt: new Date() } : code));
    await expect(findUnusedRecoveryCode(afterUse, typed)).resolves.toBeNull();
    await expect(findUnusedRecoveryCode(stored, 'zzzzz-zzzzz')).resolves.toBeNull();
  });
});
