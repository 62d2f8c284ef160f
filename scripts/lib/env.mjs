// @ts-check
import { randomBytes } from 'node:crypto';

/**
 * Every variable NovaPulse cannot start without, for a throwaway local run: fresh random secrets (so
 * processes that must accept each other's tokens share one environment), and a mail server on port 1,
 * which refuses at once, so nothing is delivered unless the caller names a real one.
 * @param {{ mongoUri: string, redisUrl: string, mfaKeyId?: string }} services
 * @param {Record<string, string>} [overrides]
 * @returns {Record<string, string>}
 */
export function validEnv({ mongoUri, redisUrl, mfaKeyId = 'local1' }, overrides = {}) {
  return {
    MONGO_URI: mongoUri,
    REDIS_URL: redisUrl,
    SMTP_URL: 'smtp://127.0.0.1:1',
    MAIL_FROM: 'NovaPulse <no-reply@novapulse.test>',
    JWT_SECRET: randomBytes(32).toString('hex'),
    JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
    MFA_ENCRYPTION_KEYS: `${mfaKeyId}:${randomBytes(32).toString('base64')}`,
    FRONTEND_URL: 'http://localhost:5173',
    ...overrides,
  };
}
