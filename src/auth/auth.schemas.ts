import { z } from 'zod';
import { emailField, givenPasswordField, mfaCodeField, nameField, tokenField } from '../common/validation/fields.js';
import { passwordField, personalPasswordProblem } from './password-policy.js';

export const registerBody = z
  .strictObject({ email: emailField, password: passwordField, name: nameField })
  .superRefine((body, context) => {
    const problem = personalPasswordProblem(body.password, body);
    if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
/** `cookie`: the refresh token is set as an HttpOnly cookie instead of being in the answer (the console). */
const refreshTokenIn = z.enum(['body', 'cookie'], { error: 'must be body or cookie' }).optional();
export const loginBody = z.strictObject({ email: emailField, password: givenPasswordField, refreshTokenIn });
export const loginMfaBody = z.strictObject({ mfaToken: tokenField, code: mfaCodeField, refreshTokenIn });
/** Without `refreshToken`, the refresh cookie is read (cookie mode). */
export const refreshBody = z.strictObject({ refreshToken: tokenField.optional() });
export const forgotPasswordBody = z.strictObject({ email: emailField });
export const resetPasswordBody = z.strictObject({ token: tokenField, password: passwordField });
export const changePasswordBody = z.strictObject({
  currentPassword: givenPasswordField,
  newPassword: passwordField,
  code: mfaCodeField.optional(),
});
