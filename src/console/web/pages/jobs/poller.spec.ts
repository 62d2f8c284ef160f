import { describe, expect, it } from '@jest/globals';
import { startPolling, type Timers } from './poller.js';

/** Timers moved by hand: `due()` lists what is scheduled, `fire()` runs the next one. */
function manualTimers() {
  const scheduled = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      scheduled.set(next, { run, ms });
      return next++;
    },
    clearTimeout: (handle) => void scheduled.delete(handle as number),
  };
  return {
    timers,
    due: () => [...scheduled.values()].map((t) => t.ms),
    fire: () => {
      const [id, timer] = [...scheduled.entries()][0]!;
      scheduled.delete(id);
      timer.run();
    },
  };
}

/** A task whose runs finish only when the test says so. */
function heldTask() {
  const runs: { signal: AbortSignal; finish: (fail?: boolean) => void }[] = [];
  const task = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      runs.push({ signal, finish: (fail) => (fail ? reject(new Error('down')) : resolve()) });
    });
  return { runs, task };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startPolling', () => {
  it('runs at once and schedules the next run only after the previous one finished', async () => {
    const clock = manualTimers();
    const { runs, task } = heldTask();
    startPolling(task, 5_000, clock.timers);
    expect(runs).toHaveLength(1);
    expect(clock.due()).toEqual([]);

    runs[0]!.finish();
    await settle();
    expect(clock.due()).toEqual([5_000]);

    clock.fire();
    expect(runs).toHaveLength(2);
    expect(clock.due()).toEqual([]);
  });

  it('keeps polling after a failed run', async () => {
    const clock = manualTimers();
    const { runs, task } = heldTask();
    startPolling(task, 3_000, clock.timers);
    runs[0]!.finish(true);
    await settle();
    expect(clock.due()).toEqual([3_000]);
  });

  it('on stop aborts the run in flight and schedules nothing when it ends', async () => {
    const clock = manualTimers();
    const { runs, task } = heldTask();
    const stop = startPolling(task, 5_000, clock.timers);
    stop();
    expect(runs[0]!.signal.aborted).toBe(true);
    runs[0]!.finish(true);
    await settle();
    expect(clock.due()).toEqual([]);
  });

  it('on stop between runs cancels the scheduled one', async () => {
    const clock = manualTimers();
    const { runs, task } = heldTask();
    const stop = startPolling(task, 5_000, clock.timers);
    runs[0]!.finish();
    await settle();
    expect(clock.due()).toEqual([5_000]);
    stop();
    expect(clock.due()).toEqual([]);
    expect(runs).toHaveLength(1);
  });
});
