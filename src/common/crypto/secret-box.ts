import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptedSecret } from '../../users/user.schema.js';

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export class SecretBoxError extends Error {}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
// Fixed, so a stored tag cut short is refused rather than checked with fewer bits.
const TAG_BYTES = 16;

/**
 * AES-256-GCM for TOTP secrets at rest. The first key encrypts; any listed key decrypts, so a new
 * key can be put first and an old one removed once nothing is encrypted with it any more.
 * `context` (the owner's id) is authenticated too: a secret copied onto another user does not open.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(private readonly keyList: readonly EncryptionKey[]) {
    if (!keyList.length) throw new SecretBoxError('at least one encryption key is needed');
    this.keys = new Map(keyList.map(({ id, key }) => [id, key]));
  }

  encrypt(plaintext: string, context: string): EncryptedSecret {
    const { id, key } = this.keyList[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: id,
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  decrypt(sealed: EncryptedSecret, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new SecretBoxError(`no encryption key with id "${sealed.keyId}"`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context)).setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretBoxError(`secret encrypted with key "${sealed.keyId}" failed authentication`);
    }
  }
}
