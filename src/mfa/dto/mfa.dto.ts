import { z } from 'zod';
import { givenPasswordField, mfaCodeField } from '../../common/validation/fields.js';

export const setupBody = z.strictObject({ password: givenPasswordField });
export const codeBody = z.strictObject({ code: mfaCodeField });
export const disableBody = z.strictObject({ password: givenPasswordField, code: mfaCodeField });

export type SetupBody = z.infer<typeof setupBody>;
export type CodeBody = z.infer<typeof codeBody>;
export type DisableBody = z.infer<typeof disableBody>;
