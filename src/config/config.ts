import { type Env, envSchema, type QueueName } from './env.schema.js';

export type AppConfig = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/**
 * Validates the environment once. Each problem names the variable and what was expected; values are
 * never echoed, since some of them are secrets.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  // An empty variable (`FOO=` in a .env file) means "not set", so defaults apply.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const state = present[name] === undefined ? 'is missing' : 'is invalid';
      return `${name} ${state}: expected ${issue.message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  return toConfig(parsed.data);
}

const WEBHOOK_DEFAULT_CONCURRENCY = 50;

function toConfig(env: Env) {
  const concurrency: Record<QueueName, number> = {
    email: env.QUEUE_CONCURRENCY_EMAIL ?? env.QUEUE_CONCURRENCY,
    // Deliveries mostly wait on remote servers, so the webhook queue runs many at once unless told otherwise.
    webhook: env.QUEUE_CONCURRENCY_WEBHOOK ?? Math.max(env.QUEUE_CONCURRENCY, WEBHOOK_DEFAULT_CONCURRENCY),
    workflow: env.QUEUE_CONCURRENCY_WORKFLOW ?? env.QUEUE_CONCURRENCY,
    report: env.QUEUE_CONCURRENCY_REPORT ?? env.QUEUE_CONCURRENCY,
  };
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    serviceName: env.SERVICE_NAME,
    port: env.PORT,
    http: {
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      corsOrigins: env.CORS_ORIGINS?.split(',') ?? [],
      bodyLimit: env.BODY_LIMIT,
    },
    rateLimit: {
      enabled: env.RATE_LIMIT_ENABLED === 'true',
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      budgetMs: env.RATE_LIMIT_BUDGET_MS,
      keyPrefix: env.RATE_LIMIT_KEY_PREFIX,
      overrides: parseOverrides(env.RATE_LIMIT_OVERRIDES),
    },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    shutdownUnreadyDelayMs: env.SHUTDOWN_UNREADY_DELAY_MS,
    health: {
      pingTimeoutMs: env.HEALTH_PING_TIMEOUT_MS,
      heapMaxBytes: env.HEALTH_HEAP_MAX_MB * 1_048_576,
      rssMaxBytes: env.HEALTH_RSS_MAX_MB * 1_048_576,
      outboxMaxPending: env.HEALTH_OUTBOX_MAX_PENDING,
    },
    metrics: { bearerToken: env.METRICS_BEARER_TOKEN },
    mongo: { uri: env.MONGO_URI, timeoutMs: env.MONGO_TIMEOUT_MS },
    redis: { url: env.REDIS_URL, commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS },
    queues: { prefix: env.QUEUE_PREFIX, concurrency, stallTimeoutMs: env.QUEUE_STALL_TIMEOUT_MS },
    worker: { queues: env.WORKER_QUEUES, port: env.WORKER_PORT },
    email: {
      smtpUrl: env.SMTP_URL,
      smtpTimeoutMs: env.SMTP_TIMEOUT_MS,
      from: env.MAIL_FROM,
      attempts: env.EMAIL_ATTEMPTS,
      backoffMs: env.EMAIL_BACKOFF_MS,
    },
    auth: {
      jwtSecret: env.JWT_SECRET,
      jwtRefreshSecret: env.JWT_REFRESH_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      refreshReuseIntervalSeconds: env.REFRESH_REUSE_INTERVAL_SECONDS,
      lockout: {
        threshold: env.LOGIN_LOCKOUT_THRESHOLD,
        baseDelayMs: env.LOGIN_LOCKOUT_BASE_DELAY_MS,
        maxDelayMs: env.LOGIN_LOCKOUT_MAX_DELAY_MS,
      },
      frontendUrl: env.FRONTEND_URL,
    },
    mfa: { encryptionKeys: parseKeys(env.MFA_ENCRYPTION_KEYS) },
    webhooks: {
      allowHttp: env.WEBHOOK_ALLOW_HTTP === 'true',
      allowedCidrs: env.WEBHOOK_ALLOWED_CIDRS?.split(',') ?? [],
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: env.WEBHOOK_RETRY_SCHEDULE.split(',').map(durationMs),
      disableAfterMs: env.WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
      endpointConcurrency: env.WEBHOOK_ENDPOINT_CONCURRENCY,
      breaker: { failures: env.WEBHOOK_BREAKER_FAILURES, openMs: env.WEBHOOK_BREAKER_OPEN_MS },
    },
    workflows: {
      sweepEveryMs: env.WORKFLOW_SWEEP_INTERVAL_MS,
      rearmAfterMs: env.WORKFLOW_REARM_AFTER_MS,
      // Only tests may kill the worker on purpose.
      crashAfterStep: env.NODE_ENV === 'test' ? env.WORKFLOW_TEST_CRASH_AFTER_STEP : undefined,
      maintenance: { cron: env.MAINTENANCE_CRON, timeZone: env.MAINTENANCE_TIME_ZONE },
    },
    retentionDays: {
      webhookAttempts: env.RETENTION_WEBHOOK_ATTEMPTS_DAYS,
      sentEmails: env.RETENTION_SENT_EMAILS_DAYS,
      workflowRuns: env.RETENTION_WORKFLOW_RUNS_DAYS,
      /** Invitations, sessions and idempotency keys this long past their expiry. */
      expired: env.RETENTION_EXPIRED_DAYS,
    },
    otel: { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT },
    queueBoard: { enabled: env.ADMIN_QUEUES_ENABLED === 'true', readOnly: env.ADMIN_QUEUES_READ_ONLY === 'true' },
    reports: { ttlMs: env.REPORT_TTL_HOURS * 3_600_000, maxRunningPerOrg: env.REPORT_MAX_RUNNING_PER_ORG },
  } as const;
}

/** `id:base64,id:base64`: the first key encrypts, every key decrypts (so old keys can be rotated out). */
function parseKeys(raw: string): { id: string; key: Buffer }[] {
  return raw.split(',').map((pair) => {
    const [id, key] = pair.split(':') as [string, string];
    return { id, key: Buffer.from(key, 'base64') };
  });
}

/** Fastify's `trustProxy`: whether, and which, X-Forwarded-For hops to believe for the client IP. */
function parseTrustProxy(raw: string): boolean | number | string[] {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw.split(',');
}

/** `30`, `5s`, `5m`, `2h` → milliseconds (a bare number is seconds). */
function durationMs(value: string): number {
  const unit = { s: 1_000, m: 60_000, h: 3_600_000 }[value.slice(-1)];
  return unit ? Number(value.slice(0, -1)) * unit : Number(value) * 1_000;
}

/** `login=10/1m,register=5/1h` → a limit and window per policy name. */
function parseOverrides(raw: string | undefined): Record<string, { limit: number; window: string }> {
  const pairs = (raw ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [name, rule] = pair.split('=') as [string, string];
      const [limit, window] = rule.split('/') as [string, string];
      return [name, { limit: Number(limit), window }] as const;
    });
  return Object.fromEntries(pairs);
}

/** The one place that reads process.env: a bad value stops the process with one line per variable. */
export function configFromEnvironment(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`config: ${problem}\n`);
    process.exit(1);
  }
}
