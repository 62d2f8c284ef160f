/**
 * Preloaded by both entry points (`node --import ./dist/src/tracing/instrumentation.js <entry>`) so the
 * SDK patches libraries before the application imports them. OTel reads its own OTEL_* variables;
 * without OTEL_EXPORTER_OTLP_ENDPOINT nothing is started and the SDK is not even loaded.
 */
if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  const { startTracing } = await import('./tracing-sdk.js');
  const role = /worker[\\/]main\.js$/.test(process.argv[1] ?? '') ? 'worker' : 'api';
  startTracing({ role, serviceName: process.env.SERVICE_NAME || 'novapulse' });
}
