import { jest } from '@jest/globals';
import { PeriodicTask } from './periodic-task.js';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never overlaps a slow pass, and stop waits for the pass in flight', async () => {
    let finish!: () => void;
    let passes = 0;
    let finished = false;
    const task = new PeriodicTask(
      () => {
        passes++;
        return new Promise<void>((resolve) => (finish = () => resolve(void (finished = true))));
      },
      100,
      () => undefined,
    );
    task.start();
    await jest.advanceTimersByTimeAsync(350);
    expect(passes).toBe(1);
    const stopped = task.stop();
    finish();
    await stopped;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(500);
    expect(passes).toBe(1);
  });

  it('reports a failed pass and runs the next one', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const task = new PeriodicTask(
      () => Promise.reject(new Error(`pass ${++passes}`)),
      100,
      (error) => errors.push(error),
    );
    task.start();
    await jest.advanceTimersByTimeAsync(250);
    await task.stop();
    expect(errors.map((e) => (e as Error).message)).toEqual(['pass 1', 'pass 2']);
  });
});
