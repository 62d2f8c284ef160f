/** A complete, valid environment for unit tests; each test overrides what it is about. */
export const validEnv: Record<string, string> = {
  MONGO_URI: 'mongodb://127.0.0.1:27017/novapulse',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  MAIL_FROM: 'NovaPulse <no-reply@mail.novapulse.test>',
  JWT_SECRET: 'a'.repeat(32),
  JWT_REFRESH_SECRET: 'b'.repeat(32),
  MFA_ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`,
  FRONTEND_URL: 'http://localhost:5173',
};
