import { z } from 'zod';
import { emailField, givenPasswordField, mfaCodeField, nameField, tokenField } from '../common/validation/fields.js';
import { passwordField } from './passwords.js';

export const registerBody = z.strictObject({ email: emailField, password: passwordField, name: nameField });
export const loginBody = z.strictObject({ email: emailField, password: givenPasswordField });
export const loginMfaBody = z.strictObject({ mfaToken: tokenField, code: mfaCodeField });
export const refreshBody = z.strictObject({ refreshToken: tokenField });
export const forgotPasswordBody = z.strictObject({ email: emailField });
export const resetPasswordBody = z.strictObject({ token: tokenField, password: passwordField });
