import { context, propagation, trace } from '@opentelemetry/api';
import { node } from '@opentelemetry/sdk-node';

/**
 * A real tracer provider for unit tests, registered globally (context manager and W3C propagator
 * included) and keeping finished spans in memory. Call `stop()` after the tests.
 */
export function inMemoryTracing() {
  const exporter = new node.InMemorySpanExporter();
  const provider = new node.NodeTracerProvider({ spanProcessors: [new node.SimpleSpanProcessor(exporter)] });
  provider.register();
  return {
    tracer: trace.getTracer('test'),
    finishedSpans: () => exporter.getFinishedSpans(),
    async stop() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
