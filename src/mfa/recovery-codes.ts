import { randomInt } from 'node:crypto';
import { hashSecret, verifySecret } from '../auth/passwords.js';
import type { RecoveryCode } from '../users/user.schema.js';

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: codes are read off paper and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUP = 5;
const LENGTH = 2 * GROUP;
const WELL_FORMED = new RegExp(`^[${ALPHABET}]{${LENGTH}}$`);

export interface NewRecoveryCodes {
  /** Shown to the user once, as `xxxxx-xxxxx`. */
  codes: string[];
  /** What is stored: argon2id hashes of the normalised codes. */
  stored: RecoveryCode[];
}

export async function newRecoveryCodes(): Promise<NewRecoveryCodes> {
  const raw = Array.from({ length: RECOVERY_CODE_COUNT }, randomCode);
  const stored = await Promise.all(raw.map(async (code) => ({ hash: await hashSecret(code), usedAt: null })));
  return { codes: raw.map((code) => `${code.slice(0, GROUP)}-${code.slice(GROUP)}`), stored };
}

/** Lowercased, without dashes or whitespace; null if it cannot be a recovery code at all. */
export function normaliseRecoveryCode(input: string): string | null {
  const normalised = input.toLowerCase().replace(/[\s-]+/g, '');
  return WELL_FORMED.test(normalised) ? normalised : null;
}

/** The index of the unused code `input` matches, or null. */
export async function findUnusedRecoveryCode(codes: readonly RecoveryCode[], input: string): Promise<number | null> {
  const normalised = normaliseRecoveryCode(input);
  if (!normalised) return null;
  for (const [index, code] of codes.entries()) {
    if (code.usedAt === null && (await verifySecret(code.hash, normalised))) return index;
  }
  return null;
}

function randomCode(): string {
  return Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
