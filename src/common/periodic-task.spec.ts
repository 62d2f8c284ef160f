import { jest } from '@jest/globals';
import { PeriodicTask } from './periodic-task.js';

class Counting extends PeriodicTask {
  passes = 0;
  constructor(private readonly run: (pass: number) => Promise<unknown>) {
    super(100, 'counting pass failed');
  }
  protected pass() {
    return this.run(++this.passes);
  }
}

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never overlaps a slow pass, and shutdown waits for the pass in flight', async () => {
    let finish!: () => void;
    let finished = false;
    const task = new Counting(() => new Promise<void>((resolve) => (finish = () => resolve(void (finished = true)))));
    task.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(350);
    expect(task.passes).toBe(1);
    const stopped = task.beforeApplicationShutdown();
    finish();
    await stopped;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(500);
    expect(task.passes).toBe(1);
  });

  it('logs a failed pass and runs the next one on time', async () => {
    const task = new Counting((pass) => Promise.reject(new Error(`pass ${pass}`)));
    const warned: unknown[] = [];
    jest.spyOn(task['logger'], 'warn').mockImplementation((fields: unknown) => void warned.push(fields));
    task.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(250);
    await task.beforeApplicationShutdown();
    expect(warned).toEqual([
      { message: 'counting pass failed', error: new Error('pass 1') },
      { message: 'counting pass failed', error: new Error('pass 2') },
    ]);
  });
});
