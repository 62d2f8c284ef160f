export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Runs `task` now, then again `intervalMs` after each run has finished (failed or not), so a slow
 * server never has two polls from one page waiting on it. The returned stop function aborts the run
 * in flight and schedules nothing more.
 */
export function startPolling(
  task: (signal: AbortSignal) => Promise<unknown>,
  intervalMs: number,
  timers: Timers = realTimers,
): () => void {
  const controller = new AbortController();
  let timer: unknown = null;

  const run = () => {
    timer = null;
    // The task reports its own failures (it sets the page's error state); polling goes on regardless.
    task(controller.signal)
      .catch(() => undefined)
      .finally(() => {
        if (!controller.signal.aborted) timer = timers.setTimeout(run, intervalMs);
      });
  };
  run();

  return () => {
    controller.abort();
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
}
