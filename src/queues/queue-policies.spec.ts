import { loadConfig } from '../config/config.js';
import { validEnv } from '../config/config.fixture.js';
import { QUEUE_NAMES } from '../config/env.schema.js';
import { queuePolicy, workerOptions } from './queue-policies.js';

const config = loadConfig({
  ...validEnv,
  SMTP_TIMEOUT_MS: '60000',
  EMAIL_ATTEMPTS: '7',
  QUEUE_CONCURRENCY_REPORT: '2',
});

describe.each(QUEUE_NAMES)('the %s queue', (queue) => {
  it('holds a job lock longer than the job may run, so a slow job is never run twice at once', () => {
    expect(workerOptions(queue, config).lockDuration).toBeGreaterThan(queuePolicy(queue, config).jobTimeoutMs);
  });

  it('keeps finished jobs for a bounded time and number', () => {
    const { removeOnComplete, removeOnFail } = queuePolicy(queue, config).defaults;
    expect(removeOnComplete).toEqual({ age: expect.any(Number), count: expect.any(Number) });
    expect(removeOnFail).toEqual({ age: expect.any(Number), count: expect.any(Number) });
  });
});

describe('queue settings from configuration', () => {
  it('takes email attempts and backoff from EMAIL_ATTEMPTS and EMAIL_BACKOFF_MS', () => {
    expect(queuePolicy('email', config).defaults).toMatchObject({ attempts: 7, backoff: { type: 'exponential', delay: 30_000 } });
  });

  it('takes each queue its own concurrency', () => {
    expect(workerOptions('report', config).concurrency).toBe(2);
    expect(workerOptions('email', config).concurrency).toBe(5);
  });
});
