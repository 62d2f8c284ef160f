import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Gauge, Histogram } from 'prom-client';
import { routeOf } from '../common/http/request-hooks.js';
import { metricsRegistry } from './registry.js';

const requestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from receiving an HTTP request to sending its response, by method, route template and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const requestsInFlight = new Gauge({
  name: 'http_requests_in_flight',
  help: 'HTTP requests received and not yet answered.',
  registers: [metricsRegistry],
});

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Label values with bounded cardinality: the route template (never the raw URL) and known methods only. */
export function httpLabels(
  request: Pick<FastifyRequest, 'method'> & { routeOptions: { url?: string } },
  statusCode: number,
) {
  return {
    method: METHODS.has(request.method) ? request.method : 'OTHER',
    route: routeOf(request),
    status_code: String(statusCode),
  };
}

/**
 * Fastify hooks on the root instance, so every route (and every 404) is measured. Returns how many
 * requests are in flight right now, for the shutdown log.
 */
export function installHttpMetrics(fastify: FastifyInstance): () => number {
  let inFlight = 0;
  fastify.addHook('onRequest', (_request, reply, done) => {
    inFlight++;
    requestsInFlight.inc();
    // The response's 'close' fires once, whether it was sent in full or the client went away first.
    reply.raw.once('close', () => {
      inFlight--;
      requestsInFlight.dec();
    });
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    requestDuration.observe(httpLabels(request, reply.statusCode), reply.elapsedTime / 1000);
    done();
  });
  return () => inFlight;
}
