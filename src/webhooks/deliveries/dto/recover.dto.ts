import { z } from 'zod';

export const recoverBody = z.strictObject({
  since: z.iso.datetime({ error: 'must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z' }),
});
export type RecoverBody = z.infer<typeof recoverBody>;
