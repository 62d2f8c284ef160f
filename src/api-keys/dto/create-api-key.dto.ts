import { z } from 'zod';
import { API_KEY_SCOPES } from '../api-key-scopes.js';

export const createApiKeyBody = z.strictObject({
  name: z
    .string({ error: 'must be a name' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' }),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { error: `must be one of ${API_KEY_SCOPES.join(', ')}` }), {
      error: 'must be a list of scopes',
    })
    .min(1, { error: 'must name at least one scope' })
    .transform((scopes) => [...new Set(scopes)]),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;
