import type { INestApplicationContext } from '@nestjs/common';
import type winston from 'winston';
import { flushTracing } from '../tracing/tracing-lifecycle.js';

/** Buffered spans are exported last; a collector that does not answer delays the exit by at most this. */
const TRACE_FLUSH_MS = 2_000;

/**
 * On SIGTERM or SIGINT: drain first (the API stops accepting and finishes in-flight requests while
 * Mongo and Redis are still open), then close the application (Nest runs every shutdown hook), flush
 * traces and exit 0. If that takes longer than the budget, say so and exit 1, so an orchestrator never waits.
 */
export function exitOnSignal(
  app: INestApplicationContext,
  options: { timeoutMs: number; logger: winston.Logger; drain?: () => Promise<unknown> },
) {
  const { timeoutMs, logger, drain } = options;
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info('shutting down', { signal, timeoutMs });
    const deadline = setTimeout(() => {
      logger.error('shutdown did not finish in time', { timeoutMs, openHandles: openHandles() });
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    Promise.resolve(drain?.())
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
        await flushTracing(TRACE_FLUSH_MS);
        process.exit(code);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

function openHandles(): string[] {
  return process.getActiveResourcesInfo().filter((name) => name !== 'Timeout');
}
