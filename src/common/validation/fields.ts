import { isValidObjectId } from 'mongoose';
import { z } from 'zod';

/** Field schemas shared by request bodies. Strings only: no object can smuggle a Mongo operator. */
export const emailField = z
  .string({ error: 'must be an email address' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'must be at most 254 characters' })
  .pipe(z.email({ error: 'must be an email address' }));

export const objectIdField = z
  .string({ error: 'must be an id' })
  .refine((v) => /^[0-9a-f]{24}$/i.test(v) && isValidObjectId(v), {
    error: 'must be a 24-character hexadecimal id',
  });

export const tokenField = z
  .string({ error: 'must be a token' })
  .min(16, { error: 'must be a token' })
  .max(512, { error: 'must be a token' });

export const nameField = z
  .string({ error: 'must be a name' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

/** A password being checked, not chosen: the password policy applies only where one is set. */
export const givenPasswordField = z
  .string({ error: 'must be a password' })
  .min(1, { error: 'must not be empty' })
  .max(1_024, { error: 'is too long' });

/** A 6-digit TOTP code or a recovery code (`xxxxx-xxxxx`). */
export const mfaCodeField = z
  .string({ error: 'must be a code' })
  .trim()
  .min(6, { error: 'must be a code' })
  .max(64, { error: 'must be a code' });

/** `?limit=` of every cursor-paged list: 1–100, 50 when absent. */
export const pageLimitField = z.coerce
  .number({ error: 'must be a number from 1 to 100' })
  .int({ error: 'must be a number from 1 to 100' })
  .min(1, { error: 'must be a number from 1 to 100' })
  .max(100, { error: 'must be a number from 1 to 100' })
  .default(50);
