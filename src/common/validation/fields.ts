import { isValidObjectId } from 'mongoose';
import { z } from 'zod';

/** Field schemas shared by request bodies. Strings only: no object can smuggle a Mongo operator. */
export const emailField = z
  .string({ error: 'must be an email address' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'must be at most 254 characters' })
  .pipe(z.email({ error: 'must be an email address' }));

export const objectIdField = z.string({ error: 'must be an id' }).refine((v) => /^[0-9a-f]{24}$/i.test(v) && isValidObjectId(v), {
  error: 'must be a 24-character hexadecimal id',
});

export const tokenField = z.string({ error: 'must be a token' }).min(16, { error: 'must be a token' }).max(512, { error: 'must be a token' });
