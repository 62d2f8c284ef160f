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

/** The part of the auth guard's principal (set on the request) that a log line may carry: ids, never credentials. */
type LoggedPrincipal = { kind: 'user'; userId: string } | { kind: 'apiKey'; keyId: string };

function principalOf(request: object): { userId: string } | { keyId: string } | undefined {
  const principal = (request as { principal?: LoggedPrincipal }).principal;
  if (!principal) return undefined;
  return principal.kind === 'user' ? { userId: principal.userId } : { keyId: principal.keyId };
}

/**
 * Binds the request id to everything the request does, echoes it back, and logs each response with
 * the client address (as TRUST_PROXY lets Fastify read it) and the principal when known.
 */
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
      ip: request.ip,
      ...principalOf(request),
    });
  });
}

export const UNMATCHED_ROUTE = 'unmatched';

/** The route template, never the raw URL: it may carry ids or tokens. Logs and metrics both use it. */
export function routeOf(request: { routeOptions: { url?: string } }): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}
