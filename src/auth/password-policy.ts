import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { COMMON_PASSWORDS } from './common-passwords.js';

/** The password policy: 12–128 characters, not one of the most common passwords. */
export const passwordField = z
  .string({ error: 'must be a password' })
  .min(12, { error: 'must be at least 12 characters' })
  .max(128, { error: 'must be at most 128 characters' })
  .refine((password) => !COMMON_PASSWORDS.has(password.toLowerCase()), { error: 'is too common; choose another' })
  .refine((password) => new Set(password).size > 3, { error: 'is too easy to guess; use more different characters' });

export interface PasswordOwner {
  email: string;
  name: string;
}

// Shorter pieces (a name like "Al") would refuse too many unrelated passwords.
const MIN_PERSONAL_PIECE = 3;

/**
 * Why a password is too personal to guess-proof, or null: it may not contain the local part of the
 * owner's email address, nor any word of their name, compared case-insensitively.
 */
export function personalPasswordProblem(password: string, owner: PasswordOwner): string | null {
  const lowered = password.toLowerCase();
  const localPart = owner.email.slice(0, owner.email.lastIndexOf('@')).toLowerCase();
  if (localPart.length >= MIN_PERSONAL_PIECE && lowered.includes(localPart)) {
    return 'must not contain your email address';
  }
  const nameWords = owner.name.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  if (nameWords.some((word) => word.length >= MIN_PERSONAL_PIECE && lowered.includes(word))) {
    return 'must not contain your name';
  }
  return null;
}

/** The 400 for a new password that contains the owner's email address or name. */
export function refusePersonalPassword(password: string, owner: PasswordOwner, field = 'password'): void {
  const problem = personalPasswordProblem(password, owner);
  if (problem) {
    throw new BadRequestException({ message: `The ${field} ${problem}`, details: [{ field, problem }] });
  }
}
