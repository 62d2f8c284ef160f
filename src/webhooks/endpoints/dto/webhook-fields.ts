import { z } from 'zod';
import { HEADER_VALUE, headerNameProblem } from '../custom-headers.js';
import { ALL_EVENT_TYPES, EVENT_TYPE_PATTERN } from '../event-types.js';

/** Field schemas shared by the create and update bodies. */

export const MAX_URL_LENGTH = 2_048;
export const MAX_EVENT_TYPES = 100;
export const MAX_HEADERS = 20;
export const MAX_METADATA_KEYS = 20;

/** Syntax only; the scheme and the destination are checked by `webhookUrlProblem`, which needs the configuration. */
export const urlField = z
  .string({ error: 'must be a URL' })
  .trim()
  .max(MAX_URL_LENGTH, { error: `must be at most ${MAX_URL_LENGTH} characters` })
  .pipe(z.url({ error: 'must be a URL' }));

export const descriptionField = z
  .string({ error: 'must be text' })
  .trim()
  .max(500, { error: 'must be at most 500 characters' });

export const eventTypesField = z
  .array(
    z
      .string({ error: 'must be an event type' })
      .refine((type) => type === ALL_EVENT_TYPES || EVENT_TYPE_PATTERN.test(type), {
        error: 'must be an event type such as user.created, or *',
      }),
    { error: 'must be a list of event types' },
  )
  .min(1, { error: 'must name at least one event type (or *)' })
  .max(MAX_EVENT_TYPES, { error: `must name at most ${MAX_EVENT_TYPES} event types` })
  .transform((types) => [...new Set(types)]);

/** Names are case-insensitive, so they are stored lower-cased, and two spellings of one name are refused. */
export const headersField = z
  .record(
    z.string(),
    z
      .string({ error: 'must be text' })
      .max(1_000, { error: 'must be at most 1000 characters' })
      .regex(HEADER_VALUE, { error: 'must be printable characters without line breaks' }),
    { error: 'must be an object of header names to values' },
  )
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > MAX_HEADERS)
      ctx.addIssue({ code: 'custom', message: `must have at most ${MAX_HEADERS} headers` });
    const seen = new Set<string>();
    for (const name of names) {
      const lower = name.toLowerCase();
      const problem = seen.has(lower) ? 'is given twice (header names ignore case)' : headerNameProblem(lower);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
      seen.add(lower);
    }
  })
  .transform((headers) =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
  );

const METADATA_KEY = /^[A-Za-z0-9_-]{1,40}$/;

/** The caller's own labels; keys are kept to a Mongo-safe alphabet and both sides are bounded. */
export const metadataField = z
  .record(z.string(), z.string({ error: 'must be text' }).max(500, { error: 'must be at most 500 characters' }), {
    error: 'must be an object of keys to text values',
  })
  .superRefine((metadata, ctx) => {
    const keys = Object.keys(metadata);
    if (keys.length > MAX_METADATA_KEYS)
      ctx.addIssue({ code: 'custom', message: `must have at most ${MAX_METADATA_KEYS} keys` });
    for (const key of keys.filter((k) => !METADATA_KEY.test(k))) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'must be a key of 1 to 40 letters, digits, _ or -' });
    }
  });

export const rateLimitField = z
  .number({ error: 'must be a whole number from 1 to 10000' })
  .int({ error: 'must be a whole number from 1 to 10000' })
  .min(1, { error: 'must be a whole number from 1 to 10000' })
  .max(10_000, { error: 'must be a whole number from 1 to 10000' });
