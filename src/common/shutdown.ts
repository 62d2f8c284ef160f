import type { INestApplicationContext } from '@nestjs/common';
import type winston from 'winston';
import { flushTracing } from '../tracing/tracing-lifecycle.js';
import { ShutdownState } from './shutdown-state.js';

/** Buffered spans are exported last; a collector that does not answer delays the exit by at most this. */
const TRACE_FLUSH_MS = 2_000;

/**
 * On SIGTERM or SIGINT: readiness turns 503 at once, then drain (the API keeps serving a while so
 * load balancers stop sending it traffic, stops accepting and finishes in-flight requests while
 * Mongo and Redis are still open), then close the application (Nest runs every shutdown hook), flush
 * traces and exit 0. If that takes longer than the budget, say what is still open and exit 1, so an
 * orchestrator never waits.
 */
export function exitOnSignal(
  app: INestApplicationContext,
  options: {
    timeoutMs: number;
    logger: winston.Logger;
    drain?: (signal: NodeJS.Signals) => Promise<unknown>;
    /** What this process still has open, for the line logged when the budget runs out. */
    stillOpen?: () => Record<string, unknown>;
  },
) {
  const { timeoutMs, logger, drain, stillOpen } = options;
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.get(ShutdownState, { strict: false }).begin();
    logger.info('shutting down', { signal, timeoutMs });
    const deadline = setTimeout(() => {
      logger.error('shutdown did not finish in time', { timeoutMs, ...stillOpen?.(), openHandles: openHandles() });
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    void Promise.resolve(drain?.(signal))
      .then(() => app.close())
      .then(
        () => {
          logger.info('shut down cleanly');
          return 0;
        },
        (error: unknown) => {
          logger.error('shutdown failed', { error });
          return 1;
        },
      )
      .then(async (code) => {
        // Spans that cannot be flushed are lost either way; the exit code stays the shutdown's.
        await flushTracing(TRACE_FLUSH_MS).catch(() => undefined);
        process.exit(code);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** What still keeps the event loop busy: sockets, servers, child processes (timers are noise here). */
function openHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) if (name !== 'Timeout') counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}
