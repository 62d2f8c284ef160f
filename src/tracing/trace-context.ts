import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';

/** The W3C `traceparent` of the active span, to store beside work that is picked up later; null when tracing is off. */
export function currentTraceparent(): string | null {
  const carrier: { traceparent?: string } = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/**
 * Runs `work` as part of the stored trace when nothing is active: the relay and retries pick up an
 * outbox record long after the request that wrote it, and still belong to that request's trace.
 */
export function withStoredParent<T>(traceparent: string | null | undefined, work: () => T): T {
  if (!traceparent || trace.getActiveSpan()) return work();
  return context.with(propagation.extract(ROOT_CONTEXT, { traceparent }), work);
}
