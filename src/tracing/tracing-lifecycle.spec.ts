import { flushTracing, tracingEnabled, tracingStarted } from './tracing-lifecycle.js';

describe('tracing lifecycle', () => {
  it('is off, and flushing costs nothing, until the preload starts the SDK', async () => {
    expect(tracingEnabled()).toBe(false);
    await expect(flushTracing(10)).resolves.toBeUndefined();
  });

  it('flushes through the SDK, and gives up after the bound when the collector does not answer', async () => {
    const calls: string[] = [];
    tracingStarted(() => (calls.push('shutdown'), new Promise<void>(() => undefined)));
    expect(tracingEnabled()).toBe(true);
    const started = Date.now();
    await flushTracing(100);
    expect(calls).toEqual(['shutdown']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
