import type { SpanContext } from '@opentelemetry/api';
import { inMemoryTracing } from './in-memory-tracing.fixture.js';
import { currentTraceparent, withStoredParent } from './trace-context.js';

const STORED_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const STORED = `00-${STORED_TRACE_ID}-b7ad6b7169203331-01`;

describe('trace context stored with outbox records', () => {
  const tracing = inMemoryTracing();
  afterAll(() => tracing.stop());

  const spanIn = (work: () => void) =>
    tracing.tracer.startActiveSpan('work', (span) => (work(), span.end(), span.spanContext()));

  it('captures the active span as a W3C traceparent, and nothing outside a span', () => {
    let captured: string | null = null;
    const active = spanIn(() => (captured = currentTraceparent()));
    expect(captured).toBe(`00-${active.traceId}-${active.spanId}-01`);
    expect(currentTraceparent()).toBeNull();
  });

  it('continues the stored trace when nothing is active (the relay, a retry after a restart)', () => {
    const relayed = withStoredParent(STORED, () => spanIn(() => undefined));
    expect(relayed.traceId).toBe(STORED_TRACE_ID);
    const finished = tracing.finishedSpans().find((span) => span.spanContext().spanId === relayed.spanId);
    expect(finished?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
  });

  it('keeps the active span as the parent when there is one (a retry scheduled inside a job)', () => {
    let inner: SpanContext | undefined;
    const outer = spanIn(() => (inner = withStoredParent(STORED, () => spanIn(() => undefined))));
    expect(inner?.traceId).toBe(outer.traceId);
    expect(inner?.traceId).not.toBe(STORED_TRACE_ID);
  });

  it('starts a trace of its own when nothing was stored (an event published with tracing off)', () => {
    const alone = withStoredParent(null, () => spanIn(() => undefined));
    expect(
      tracing.finishedSpans().find((span) => span.spanContext().spanId === alone.spanId)?.parentSpanContext,
    ).toBeUndefined();
  });
});
