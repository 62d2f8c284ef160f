import { z } from 'zod';
import { passwordField } from '../../auth/password-policy.js';
import { nameField, tokenField } from '../../common/validation/fields.js';

/** `{ token }` when signed in; `{ token, name, password }` to create the invited account. */
export const acceptInvitationBody = z.strictObject({
  token: tokenField,
  name: nameField.optional(),
  password: passwordField.optional(),
});
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBody>;
