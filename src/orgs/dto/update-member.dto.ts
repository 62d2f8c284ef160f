import { z } from 'zod';
import { ROLES } from '../roles.js';

export const updateMemberBody = z.strictObject({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
});
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;
