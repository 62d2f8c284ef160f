import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box.js';

const oldKey = { id: 'k1', key: randomBytes(32) };
const newKey = { id: 'k2', key: randomBytes(32) };
const owner = '665f1c2e9b1d4a0012345678';

describe('SecretBox', () => {
  it('decrypts what it encrypted, with the active key', () => {
    const box = new SecretBox([newKey, oldKey]);
    const sealed = box.encrypt('JBSWY3DPEHPK3PXP', owner);
    expect(sealed.keyId).toBe('k2');
    expect(sealed.ciphertext).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.decrypt(sealed, owner)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox([newKey]);
    expect(box.encrypt('same', owner).iv).not.toBe(box.encrypt('same', owner).iv);
  });

  it('still decrypts secrets encrypted with an older key after rotation', () => {
    const sealed = new SecretBox([oldKey]).encrypt('OLDSECRET', owner);
    expect(new SecretBox([newKey, oldKey]).decrypt(sealed, owner)).toBe('OLDSECRET');
  });

  it('refuses a tampered tag, ciphertext or a shortened tag', () => {
    const box = new SecretBox([newKey]);
    const sealed = box.encrypt('JBSWY3DPEHPK3PXP', owner);
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[0]! ^= 1;
    expect(() => box.decrypt({ ...sealed, tag: tag.toString('base64') }, owner)).toThrow(SecretBoxError);
    const ciphertext = Buffer.from(sealed.ciphertext, 'base64');
    ciphertext[0]! ^= 1;
    expect(() => box.decrypt({ ...sealed, ciphertext: ciphertext.toString('base64') }, owner)).toThrow(SecretBoxError);
    const short = Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => box.decrypt({ ...sealed, tag: short }, owner)).toThrow(SecretBoxError);
  });

  it('refuses a secret moved to another owner', () => {
    const box = new SecretBox([newKey]);
    const sealed = box.encrypt('JBSWY3DPEHPK3PXP', owner);
    expect(() => box.decrypt(sealed, '665f1c2e9b1d4a0087654321')).toThrow(SecretBoxError);
  });

  it('refuses an unknown key id, and a key it was not encrypted with', () => {
    const sealed = new SecretBox([oldKey]).encrypt('JBSWY3DPEHPK3PXP', owner);
    expect(() => new SecretBox([newKey]).decrypt(sealed, owner)).toThrow(/no encryption key with id "k1"/);
    expect(() => new SecretBox([{ id: 'k1', key: newKey.key }]).decrypt(sealed, owner)).toThrow(SecretBoxError);
  });

  it('needs at least one key', () => {
    expect(() => new SecretBox([])).toThrow(SecretBoxError);
  });
});
