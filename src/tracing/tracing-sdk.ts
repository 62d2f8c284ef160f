import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { existsSync, readFileSync } from 'node:fs';
import { tracingStarted } from './tracing-lifecycle.js';

export type ProcessRole = 'api' | 'worker';

/** Probes and scrapes arrive every few seconds and say nothing about a request's path. */
const PROBE_PATH = /\/(health\/[a-z]+|metrics)$/;

export interface TracingOptions {
  role: ProcessRole;
  /** `SERVICE_NAME`; the service is `<serviceName>-<role>` unless OTEL_SERVICE_NAME says otherwise. */
  serviceName: string;
}

/**
 * Starts the OpenTelemetry SDK with the instrumentations NovaPulse needs, traces only (metrics stay
 * with prom-client, logs with winston). Must run before the libraries it patches are imported.
 *
 * No ESM loader hook (`@opentelemetry/instrumentation/hook.mjs`) is registered: every library patched
 * here is CommonJS, which Node loads through `require` even when imported from ESM, so the require
 * hook patches it; undici and BullMQ report through diagnostics channels and their own telemetry
 * option. The loader hook would wrap every ES module (all of Nest) and made start-up 2-3x slower.
 * test/tracing.test.ts fails if a library stops being patched.
 */
export function startTracing(options: TracingOptions): void {
  const sdk = new NodeSDK({
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: `${options.serviceName}-${options.role}`,
        [ATTR_SERVICE_VERSION]: packageVersion(),
        'novapulse.role': options.role,
      }),
    ),
    // OTLP/HTTP with JSON bodies, to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, batched per OTEL_BSP_*.
    traceExporter: new OTLPTraceExporter(),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => PROBE_PATH.test(request.url?.split('?')[0] ?? ''),
      }),
      // A span per route handler; none per lifecycle hook (a dozen per request, saying little).
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        instrumentHooks: false,
        ignorePaths: ({ url }) => PROBE_PATH.test(url),
      }),
      new UndiciInstrumentation(),
      // The driver sees every command mongoose sends, and more. Without a parent span these would be the
      // relay's and BullMQ's polling, once a second, forever.
      new MongoDBInstrumentation({ requireParentSpan: true }),
      // Keys can name users and addresses (rate limits): the command name is enough.
      new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: (command) => command }),
    ],
  });
  sdk.start();
  tracingStarted(() => sdk.shutdown());
}

/** package.json sits two levels above this file in the sources and three in the build. */
function packageVersion(): string {
  for (let dir = new URL('./', import.meta.url); dir.pathname !== '/'; dir = new URL('../', dir)) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}
