import { describe, expect, it } from '@jest/globals';
import { isFinished, stepTiming, triggerKind } from './run-types.js';

const NOW = new Date('2026-11-30T12:00:00.000Z');

describe('stepTiming', () => {
  it('says how long a finished step took', () => {
    expect(
      stepTiming(
        {
          status: 'succeeded',
          startedAt: '2026-11-30T11:59:58.000Z',
          endedAt: '2026-11-30T11:59:59.250Z',
          wakeAt: null,
        },
        NOW,
      ),
    ).toBe('took 1 s');
  });

  it('counts a running step up to now', () => {
    expect(
      stepTiming({ status: 'running', startedAt: '2026-11-30T11:58:00.000Z', endedAt: null, wakeAt: null }, NOW),
    ).toBe('running for 2 min');
  });

  it('says until when a delay waits, and when a step has not started', () => {
    const wakeAt = '2026-11-30T13:00:00.000Z';
    expect(stepTiming({ status: 'waiting', startedAt: '2026-11-30T11:00:00.000Z', endedAt: null, wakeAt }, NOW)).toBe(
      `waits until ${new Date(wakeAt).toLocaleString()}`,
    );
    expect(stepTiming({ status: 'pending', startedAt: null, endedAt: null, wakeAt: null }, NOW)).toBe('not started');
  });
});

describe('runs', () => {
  it('reads the kind of trigger from its key', () => {
    expect(triggerKind('event:665f1c2e8b3a4d0012345678')).toBe('event');
    expect(triggerKind('schedule:1764500000000')).toBe('schedule');
  });

  it('knows which runs will not change by themselves', () => {
    expect(
      ['succeeded', 'failed', 'cancelled', 'running', 'waiting', 'pending'].map((status) =>
        isFinished({ status } as never),
      ),
    ).toEqual([true, true, true, false, false, false]);
  });
});
