import { describe, expect, it } from '@jest/globals';
import { queueRows, type QueueStats } from './queue-rows.js';

const window = (completed: number, failed: number) => ({
  completed,
  failed,
  failureRate: completed + failed === 0 ? 0 : failed / (completed + failed),
});

function available(overrides: Partial<Extract<QueueStats, { available: true }>> = {}): QueueStats {
  return {
    available: true,
    counts: {
      waiting: 3,
      active: 1,
      delayed: 2,
      prioritized: 1,
      'waiting-children': 0,
      failed: 4,
      completed: 90,
      paused: 0,
    },
    paused: false,
    workers: 2,
    oldestWaitingAgeMs: 65_000,
    ended: { last1m: window(5, 0), last5m: window(45, 5), last15m: window(90, 5), last60m: window(90, 5) },
    ...overrides,
  };
}

describe('queueRows', () => {
  it('orders the four queues as configured and puts unknown ones last', () => {
    const rows = queueRows({
      generatedAt: '2026-11-30T08:00:00.000Z',
      queues: {
        report: available(),
        extra: available(),
        email: available(),
        webhook: available(),
        workflow: available(),
      },
    });
    expect(rows.map((row) => row.name)).toEqual(['email', 'webhook', 'workflow', 'report', 'extra']);
  });

  it('shows counts, the oldest wait, throughput a minute and the failure rate over 5 minutes', () => {
    const [row] = queueRows({ generatedAt: '', queues: { email: available() } });
    expect(row).toEqual({
      name: 'email',
      available: true,
      waiting: 4,
      active: 1,
      delayed: 2,
      failed: 4,
      completed: 90,
      workers: 2,
      paused: false,
      oldestWaiting: '1 min 5 s',
      throughput: '10/min',
      failureRate: '10.0 %',
    });
  });

  it('shows no rate when nothing ended and a dash when nothing waits', () => {
    const [row] = queueRows({
      generatedAt: '',
      queues: {
        email: available({
          oldestWaitingAgeMs: null,
          ended: { last1m: window(0, 0), last5m: window(0, 0), last15m: window(0, 0), last60m: window(0, 0) },
        }),
      },
    });
    expect(row).toMatchObject({ oldestWaiting: '–', throughput: '0/min', failureRate: '–' });
  });

  it('writes slow throughput with a decimal', () => {
    const slow = available({
      ended: { last1m: window(0, 0), last5m: window(3, 0), last15m: window(3, 0), last60m: window(3, 0) },
    });
    expect(queueRows({ generatedAt: '', queues: { email: slow } })[0]).toMatchObject({ throughput: '0.6/min' });
  });

  it('keeps a queue whose statistics could not be read, with the reason', () => {
    const rows = queueRows({
      generatedAt: '',
      queues: { webhook: { available: false, reason: 'Redis did not answer within 1000 ms' } },
    });
    expect(rows).toEqual([{ name: 'webhook', available: false, reason: 'Redis did not answer within 1000 ms' }]);
  });
});
