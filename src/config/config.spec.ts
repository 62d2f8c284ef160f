import { validEnv } from './config.fixture.js';
import { ConfigError, loadConfig } from './config.js';

const valid = validEnv;

function problemsFor(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('accepts a minimal environment and applies defaults', () => {
    const config = loadConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.queues.prefix).toBe('{novapulse}');
    expect(config.worker.queues).toEqual(['email', 'webhook', 'workflow', 'report']);
    expect(config.queues.concurrency.email).toBe(5);
  });

  it('reads MFA keys in order, the first one active', () => {
    expect(loadConfig(valid).mfa.encryptionKeys.map((k) => [k.id, k.key.length])).toEqual([
      ['k2', 32],
      ['k1', 32],
    ]);
  });

  it('reads health limits in bytes, leaves metrics open by default, and refuses a short metrics token by name', () => {
    const config = loadConfig({ ...valid, HEALTH_HEAP_MAX_MB: '256' });
    expect(config.health).toEqual({
      pingTimeoutMs: 500,
      heapMaxBytes: 256 * 1_048_576,
      rssMaxBytes: 1_024 * 1_048_576,
      outboxMaxPending: 10_000,
    });
    expect(config.metrics.bearerToken).toBeUndefined();
    expect(config.shutdownUnreadyDelayMs).toBe(5_000);
    expect(problemsFor({ ...valid, METRICS_BEARER_TOKEN: 'short' })).toEqual([
      'METRICS_BEARER_TOKEN is invalid: expected a token of at least 16 characters',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...valid, PORT: '' }).port).toBe(3000);
  });

  it('lets one queue override the shared concurrency', () => {
    const config = loadConfig({ ...valid, QUEUE_CONCURRENCY: '8', QUEUE_CONCURRENCY_WEBHOOK: '32' });
    expect(config.queues.concurrency).toEqual({ email: 8, webhook: 32, workflow: 8, report: 8 });
  });

  it('parses and de-duplicates WORKER_QUEUES', () => {
    expect(loadConfig({ ...valid, WORKER_QUEUES: ' webhook, email,webhook ' }).worker.queues).toEqual([
      'webhook',
      'email',
    ]);
  });

  it.each([
    ['MONGO_URI', undefined, 'MONGO_URI is missing: expected a URL starting with mongodb://'],
    ['MONGO_URI', 'postgres://localhost/x', 'MONGO_URI is invalid: expected a URL starting with mongodb://'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL is invalid: expected a URL starting with redis://'],
    ['PORT', 'eighty', 'PORT is invalid: expected an integer from 1 to 65535'],
    ['PORT', '70000', 'PORT is invalid: expected an integer from 1 to 65535'],
    ['QUEUE_CONCURRENCY', '2.5', 'QUEUE_CONCURRENCY is invalid: expected an integer from 1 to 1000'],
    ['QUEUE_CONCURRENCY_EMAIL', '0', 'QUEUE_CONCURRENCY_EMAIL is invalid: expected an integer from 1 to 1000'],
    ['WORKER_QUEUES', 'email,sms', 'WORKER_QUEUES is invalid: expected one of email, webhook, workflow, report'],
    ['WORKER_QUEUES', ' , ', 'WORKER_QUEUES is invalid: expected at least one queue'],
    ['QUEUE_PREFIX', 'novapulse', 'QUEUE_PREFIX is invalid: expected a Redis Cluster hash tag'],
    ['NODE_ENV', 'staging', 'NODE_ENV is invalid: expected one of development, production, test'],
    ['JWT_SECRET', 'short', 'JWT_SECRET is invalid: expected a secret of at least 32 characters'],
    ['JWT_REFRESH_SECRET', undefined, 'JWT_REFRESH_SECRET is missing: expected a secret of at least 32 characters'],
    ['MFA_ENCRYPTION_KEYS', undefined, 'MFA_ENCRYPTION_KEYS is missing: expected comma-separated keyId:base64 pairs'],
    [
      'MFA_ENCRYPTION_KEYS',
      'k1:c2hvcnQ=',
      'MFA_ENCRYPTION_KEYS is invalid: expected comma-separated keyId:base64 pairs',
    ],
    ['LOGIN_LOCKOUT_THRESHOLD', '0', 'LOGIN_LOCKOUT_THRESHOLD is invalid: expected an integer from 1 to 100'],
    ['MAIL_FROM', undefined, 'MAIL_FROM is missing: expected an address or "Name <address>"'],
    ['MAIL_FROM', 'nobody', 'MAIL_FROM is invalid: expected an address or "Name <address>"'],
    ['SMTP_URL', 'http://mail', 'SMTP_URL is invalid: expected a URL starting with smtp://'],
    ['FRONTEND_URL', 'not a url', 'FRONTEND_URL is invalid: expected a URL starting with http://'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'grpc://collector', 'OTEL_EXPORTER_OTLP_ENDPOINT is invalid: expected a URL'],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    const problems = problemsFor({ ...valid, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('never echoes the rejected value, which may be a secret', () => {
    const problems = problemsFor({ ...valid, JWT_SECRET: 'hunter2-leaked' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reports every bad variable at once', () => {
    expect(problemsFor({}).map((p) => p.split(' ')[0])).toEqual(
      expect.arrayContaining([
        'MONGO_URI',
        'REDIS_URL',
        'SMTP_URL',
        'MAIL_FROM',
        'JWT_SECRET',
        'JWT_REFRESH_SECRET',
        'MFA_ENCRYPTION_KEYS',
        'FRONTEND_URL',
      ]),
    );
  });
});
