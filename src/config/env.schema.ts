import { z } from 'zod';
import { isTimeZone } from '../common/validation/time-zone.js';

export const QUEUE_NAMES = ['email', 'webhook', 'workflow', 'report'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

// Each `error` text completes the sentence "NAME: expected …", so a bad value is reported by name.
const int = (min: number, max: number) => {
  const error = `an integer from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const url = (...protocols: string[]) =>
  z.url({
    protocol: new RegExp(`^(${protocols.join('|')})$`),
    error: `a URL starting with ${protocols.map((p) => `${p.replace('\\', '')}://`).join(' or ')}`,
  });
const secretError = 'a secret of at least 32 characters';
const secret = z.string({ error: secretError }).min(32, { error: secretError });
const trustProxyError = 'true, false, a number of proxy hops, or comma-separated proxy addresses/CIDRs';
const mfaKeysError = 'comma-separated keyId:base64 pairs of 32-byte keys, the first one active';
const mailFromError = 'an address or "Name <address>"';
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.join(', ')}` });

const queueList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((q) => q.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(oneOf(QUEUE_NAMES), { error: 'a comma-separated list of queues' }).min(1, { error: 'at least one queue' }),
  )
  .transform((queues) => [...new Set(queues)]);

/** Every variable the API and the worker read. Nothing else reads process.env. */
export const envSchema = z.object({
  NODE_ENV: oneOf(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: oneOf(['error', 'warn', 'info', 'debug']).default('info'),
  SERVICE_NAME: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'lowercase letters, digits and dashes' })
    .default('novapulse'),
  PORT: int(1, 65535).default(3000),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[\d.:a-fA-F/]+(,[\d.:a-fA-F/]+)*)$/, { error: trustProxyError })
    .default('false'),
  CORS_ORIGINS: z
    .string()
    .regex(/^(\*|https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*)$/, {
      error: 'a comma-separated list of http(s) origins, or *',
    })
    .optional(),
  BODY_LIMIT: int(1_024, 50 * 1_048_576).default(1_048_576),
  RATE_LIMIT_ENABLED: oneOf(['true', 'false']).default('true'),
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(100),
  RATE_LIMIT_BUDGET_MS: int(1, 1_000).default(50),
  RATE_LIMIT_OVERRIDES: z
    .string()
    .regex(/^[a-z-]+=\d+\/\d+[smhd](,[a-z-]+=\d+\/\d+[smhd])*$/, {
      error: 'comma-separated policy=limit/window pairs, e.g. login=10/1m',
    })
    .optional(),
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[\w:{}.-]{1,64}$/, { error: 'letters, digits and :{}.-_ (at most 64)' })
    .default('np:rl:'),

  MONGO_URI: url('mongodb', 'mongodb\\+srv'),
  MONGO_TIMEOUT_MS: int(100, 60_000).default(5_000),

  REDIS_URL: url('redis', 'rediss'),
  REDIS_COMMAND_TIMEOUT_MS: int(10, 10_000).default(500),
  QUEUE_PREFIX: z
    .string()
    .regex(/^\{[\w:.-]+\}$/, { error: 'a Redis Cluster hash tag such as {novapulse}' })
    .default('{novapulse}'),

  WORKER_QUEUES: queueList.default([...QUEUE_NAMES]),
  WORKER_PORT: int(1, 65535).default(3001),
  QUEUE_CONCURRENCY: int(1, 1000).default(5),
  QUEUE_CONCURRENCY_EMAIL: int(1, 1000).optional(),
  QUEUE_CONCURRENCY_WEBHOOK: int(1, 1000).optional(),
  QUEUE_CONCURRENCY_WORKFLOW: int(1, 1000).optional(),
  QUEUE_CONCURRENCY_REPORT: int(1, 1000).optional(),
  QUEUE_STALL_TIMEOUT_MS: int(1_000, 600_000).default(30_000),
  SHUTDOWN_TIMEOUT_MS: int(100, 600_000).default(25_000),
  SHUTDOWN_UNREADY_DELAY_MS: int(0, 120_000).default(5_000),

  HEALTH_PING_TIMEOUT_MS: int(50, 10_000).default(500),
  HEALTH_HEAP_MAX_MB: int(16, 65_536).default(768),
  HEALTH_RSS_MAX_MB: int(16, 65_536).default(1_024),
  HEALTH_OUTBOX_MAX_PENDING: int(1, 10_000_000).default(10_000),
  METRICS_BEARER_TOKEN: z
    .string({ error: 'a token of at least 16 characters' })
    .min(16, { error: 'a token of at least 16 characters' })
    .optional(),

  SMTP_URL: url('smtp', 'smtps'),
  SMTP_TIMEOUT_MS: int(100, 120_000).default(10_000),
  MAIL_FROM: z
    .string({ error: mailFromError })
    .regex(/^([^<>]+ <)?[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>?$/, { error: mailFromError }),
  EMAIL_ATTEMPTS: int(1, 50).default(5),
  EMAIL_BACKOFF_MS: int(10, 3_600_000).default(30_000),

  JWT_SECRET: secret,
  JWT_REFRESH_SECRET: secret,
  JWT_ISSUER: z.string().min(1).default('novapulse'),
  JWT_AUDIENCE: z.string().min(1).default('novapulse-api'),
  ACCESS_TOKEN_TTL_SECONDS: int(60, 3_600).default(900),
  REFRESH_TOKEN_TTL_DAYS: int(1, 365).default(30),
  REFRESH_REUSE_INTERVAL_SECONDS: int(0, 60).default(10),
  LOGIN_LOCKOUT_THRESHOLD: int(1, 100).default(5),
  LOGIN_LOCKOUT_BASE_DELAY_MS: int(100, 3_600_000).default(1_000),
  LOGIN_LOCKOUT_MAX_DELAY_MS: int(1_000, 86_400_000).default(900_000),
  MFA_ENCRYPTION_KEYS: z
    .string({ error: mfaKeysError })
    .regex(/^[\w-]+:[A-Za-z0-9+/]{43}=(,[\w-]+:[A-Za-z0-9+/]{43}=)*$/, { error: mfaKeysError }),
  WEBHOOK_ALLOW_HTTP: oneOf(['true', 'false']).default('false'),
  WEBHOOK_ALLOWED_CIDRS: z
    .string()
    .regex(/^[\d.:a-fA-F]+\/\d{1,3}(,[\d.:a-fA-F]+\/\d{1,3})*$/, {
      error: 'comma-separated CIDRs such as 127.0.0.0/8,::1/128',
    })
    .optional(),
  WEBHOOK_TIMEOUT_MS: int(1_000, 60_000).default(15_000),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\d+[smh]?(,\d+[smh]?)*$/, { error: 'comma-separated delays such as 0,5s,5m,30m,2h' })
    .default('0,5s,5m,30m,2h,5h,10h,14h,20h,24h'),
  WEBHOOK_DISABLE_AFTER_HOURS: int(1, 24 * 60).default(120),
  WEBHOOK_ENDPOINT_CONCURRENCY: int(1, 1000).default(10),
  WEBHOOK_BREAKER_FAILURES: int(1, 1000).default(5),
  WEBHOOK_BREAKER_OPEN_MS: int(100, 3_600_000).default(30_000),
  WORKFLOW_SWEEP_INTERVAL_MS: int(100, 600_000).default(5_000),
  WORKFLOW_REARM_AFTER_MS: int(500, 3_600_000).default(30_000),
  MAINTENANCE_CRON: z
    .string()
    .regex(/^\S+( \S+){4,5}$/, { error: 'a cron expression of 5 or 6 fields, e.g. 17 3 * * *' })
    .default('17 3 * * *'),
  MAINTENANCE_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { error: 'an IANA time zone such as UTC or Europe/Paris' })
    .default('UTC'),
  RETENTION_WEBHOOK_ATTEMPTS_DAYS: int(1, 3_650).default(30),
  RETENTION_SENT_EMAILS_DAYS: int(1, 3_650).default(30),
  RETENTION_WORKFLOW_RUNS_DAYS: int(1, 3_650).default(90),
  RETENTION_EXPIRED_DAYS: int(0, 3_650).default(7),
  WORKFLOW_TEST_CRASH_AFTER_STEP: oneOf(['send_email', 'publish_event', 'delay', 'condition']).optional(),
  FRONTEND_URL: url('http', 'https'),
  OTEL_EXPORTER_OTLP_ENDPOINT: url('http', 'https').optional(),

  ADMIN_QUEUES_ENABLED: oneOf(['true', 'false']).default('false'),
  ADMIN_QUEUES_READ_ONLY: oneOf(['true', 'false']).default('true'),
  REPORT_TTL_HOURS: int(1, 24 * 90).default(24),
  REPORT_MAX_RUNNING_PER_ORG: int(1, 100).default(2),
});

export type Env = z.infer<typeof envSchema>;

/** Read only under `NODE_ENV=test`; no deployment sets them. */
export const TEST_ONLY_VARIABLES: readonly (keyof Env)[] = ['WORKFLOW_TEST_CRASH_AFTER_STEP'];
