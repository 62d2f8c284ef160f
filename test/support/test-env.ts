import { randomBytes } from 'node:crypto';
import { validEnv } from '../../scripts/lib/env.mjs';

/** A fresh database name and queue prefix, so test files never see each other's data. */
export function isolatedEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const id = randomBytes(4).toString('hex');
  const { TEST_MONGO_URL, TEST_REDIS_URL } = process.env;
  if (!TEST_MONGO_URL || !TEST_REDIS_URL)
    throw new Error('run integration tests through jest (global setup starts the services)');
  // test/webhooks.test.ts reads the key id back from a sealed secret.
  return validEnv(
    { mongoUri: `${TEST_MONGO_URL}/np_${id}`, redisUrl: TEST_REDIS_URL, mfaKeyId: 't1' },
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: `{np-test-${id}}`,
      RATE_LIMIT_KEY_PREFIX: `np-test-${id}:rl:`,
      // Test clients each claim their own address (see test/support/api.ts), as clients behind a proxy do.
      TRUST_PROXY: 'true',
      // Reuse-detection tests present a used token at once; test/refresh-reuse-interval.test.ts sets its own.
      REFRESH_REUSE_INTERVAL_SECONDS: '0',
      // One user makes many of these calls in a functional test; the limits have tests of their own.
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8,::1/128',
      RATE_LIMIT_OVERRIDES: 'invitations=1000/1m,mfa=1000/1m',
      SHUTDOWN_TIMEOUT_MS: '15000',
      // No load balancer to wait for; the shutdown tests that are about this delay set it.
      SHUTDOWN_UNREADY_DELAY_MS: '0',
      ...overrides,
    },
  );
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
