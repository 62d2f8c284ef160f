import { z } from 'zod';
import { emailField } from '../../common/validation/fields.js';
import { ROLES } from '../../orgs/roles.js';

export const createInvitationBody = z.strictObject({
  email: emailField,
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
});
export type CreateInvitationBody = z.infer<typeof createInvitationBody>;
