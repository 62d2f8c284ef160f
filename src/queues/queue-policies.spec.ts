import { validEnv } from '../config/config.fixture.js';
import { loadConfig } from '../config/config.js';
import { QUEUE_NAMES } from '../config/env.schema.js';
import { queuePolicy, workerOptions } from './queue-policies.js';

const config = loadConfig({
  ...validEnv,
  SMTP_TIMEOUT_MS: '60000',
  EMAIL_ATTEMPTS: '7',
  QUEUE_CONCURRENCY_REPORT: '2',
});

describe.each(QUEUE_NAMES)('the %s queue', (queue) => {
  it("hands a dead worker's jobs on within 1.5x QUEUE_STALL_TIMEOUT_MS, renewing live locks in between", () => {
    const { lockDuration, stalledInterval } = workerOptions(
      queue,
      loadConfig({ ...validEnv, QUEUE_STALL_TIMEOUT_MS: '4000' }),
    );
    expect(lockDuration).toBe(4_000);
    expect(lockDuration! + stalledInterval!).toBeLessThanOrEqual(6_000);
  });

  it('keeps finished jobs for a bounded time and number', () => {
    const { removeOnComplete, removeOnFail } = queuePolicy(queue, config).defaults;
    expect(removeOnComplete).toEqual({ age: expect.any(Number), count: expect.any(Number) });
    expect(removeOnFail).toEqual({ age: expect.any(Number), count: expect.any(Number) });
  });
});

describe('queue settings from configuration', () => {
  it('takes email attempts and backoff from EMAIL_ATTEMPTS and EMAIL_BACKOFF_MS', () => {
    expect(queuePolicy('email', config).defaults).toMatchObject({
      attempts: 7,
      backoff: { type: 'exponential', delay: 30_000 },
    });
  });

  it('takes each queue its own concurrency', () => {
    expect(workerOptions('report', config).concurrency).toBe(2);
    expect(workerOptions('email', config).concurrency).toBe(5);
  });

  it('runs at least 50 webhook deliveries at once unless QUEUE_CONCURRENCY_WEBHOOK says otherwise', () => {
    expect(workerOptions('webhook', config).concurrency).toBe(50);
    expect(workerOptions('webhook', loadConfig({ ...validEnv, QUEUE_CONCURRENCY_WEBHOOK: '8' })).concurrency).toBe(8);
  });
});
