import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type winston from 'winston';
import { requestContext } from '../request-context.js';

const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Fastify's `genReqId`: keep a caller's well-formed X-Request-Id, otherwise make one. */
export function requestIdFor(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Binds the request id to everything the request does, echoes it back, and logs each response. */
export function installRequestHooks(fastify: FastifyInstance, logger: winston.Logger) {
  fastify.addHook('onRequest', (request, _reply, done) => {
    requestContext.run({ requestId: request.id }, done);
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    logger.info('request completed', {
      requestId: request.id,
      method: request.method,
      route: routeOf(request),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    });
  });
}

export const UNMATCHED_ROUTE = 'unmatched';

/** The route template, never the raw URL: it may carry ids or tokens. Logs and metrics both use it. */
export function routeOf(request: { routeOptions: { url?: string } }): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}
