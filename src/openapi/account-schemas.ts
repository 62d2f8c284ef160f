import type { SchemaObject } from '@nestjs/swagger';
import { arrayOf, booleanSchema, dateTimeSchema, idSchema, listOf, objectOf, stringSchema } from './schema-builders.js';

export const messageSchema = objectOf({ message: stringSchema });

const tokenPairProperties: Record<string, SchemaObject> = {
  accessToken: { type: 'string', description: 'Send as Authorization: Bearer <accessToken>' },
  refreshToken: {
    type: 'string',
    description:
      'Works once: POST /auth/refresh returns a new pair. Absent in cookie mode (`refreshTokenIn: cookie`), where it is the HttpOnly np_refresh cookie instead',
  },
  tokenType: { type: 'string', enum: ['Bearer'] },
  expiresIn: { type: 'integer', description: 'Seconds until the access token expires' },
};

export const tokenPairSchema = objectOf(tokenPairProperties, ['refreshToken']);

/** With MFA on, the password step answers an mfaToken for POST /auth/login/mfa instead of tokens. */
export const signInResultSchema: SchemaObject = {
  oneOf: [
    objectOf({ mfaRequired: { type: 'boolean', enum: [false] }, ...tokenPairProperties }, ['refreshToken']),
    objectOf({ mfaRequired: { type: 'boolean', enum: [true] }, mfaToken: stringSchema }),
  ],
};

export const revokedSessionsSchema = objectOf({
  revoked: { type: 'integer', description: 'How many sessions were signed out' },
});

export const currentUserSchema = objectOf({
  id: idSchema,
  email: stringSchema,
  name: stringSchema,
  mfaEnabled: booleanSchema,
  operator: { type: 'boolean', description: 'Whether the user is a platform operator (queue statistics, failed jobs)' },
  createdAt: dateTimeSchema,
});

export const sessionsSchema = listOf(
  objectOf({
    id: idSchema,
    createdAt: dateTimeSchema,
    lastUsedAt: dateTimeSchema,
    expiresAt: dateTimeSchema,
    userAgent: stringSchema,
    ip: stringSchema,
    current: { type: 'boolean', description: 'The session of the access token making this request' },
  }),
);

export const mfaSetupSchema = objectOf({
  secret: { type: 'string', description: 'Base32 TOTP secret, for typing into an authenticator app' },
  otpauthUrl: { type: 'string', description: 'otpauth:// URL of the same secret' },
  qrCodeDataUrl: { type: 'string', description: 'The otpauth URL as a PNG QR code data URL' },
});

export const recoveryCodesSchema = objectOf({
  recoveryCodes: {
    ...arrayOf({ type: 'string', example: 'abcde-fghjk' }),
    description: 'Shown this once: each works once instead of a code',
  },
});
