import { withinMs } from '../common/within-ms.js';

/**
 * What the application needs to know about tracing, without loading the SDK: whether the preload
 * started it, and how to flush it. With tracing off this module is all that is loaded.
 */
let stop: (() => Promise<void>) | undefined;

export function tracingStarted(shutdown: () => Promise<void>): void {
  stop = shutdown;
}

export function tracingEnabled(): boolean {
  return stop !== undefined;
}

/** Exports the spans still buffered, waiting at most `timeoutMs`; a collector that is away costs no more. */
export async function flushTracing(timeoutMs: number): Promise<void> {
  if (!stop) return;
  await withinMs(stop(), timeoutMs, 'the trace exporter').catch(() => undefined);
}
