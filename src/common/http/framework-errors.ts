import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type winston from 'winston';
import type { ErrorBody } from '../errors/http-error.filter.js';
import { requestIdFor } from './request-hooks.js';

/*
 * Some requests are refused before Nest, and so HttpErrorFilter, ever sees them: by Node's HTTP
 * parser (malformed request or header lines, oversized headers, broken bodies), by Node's server
 * (no Host, an unknown Expect) and by Fastify's router (bad percent-escapes, over-long path
 * parameters). Each gets the project's error body here, never the raw path (it is the attacker's
 * text) nor Fastify's `code`.
 */

function errorBody(statusCode: number, message: string, requestId: string, details?: unknown[]): ErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details ? { details } : {}),
    requestId,
  };
}

/** What the router refuses, by Fastify's error code. */
const ROUTER_REFUSALS: Record<string, { statusCode: number; message: string }> = {
  FST_ERR_BAD_URL: { statusCode: 400, message: 'The request path is not valid (malformed percent-encoding)' },
  FST_ERR_MAX_PARAM_LENGTH: { statusCode: 414, message: 'A path parameter is too long' },
};
const SERVER_FAULT = { statusCode: 500, message: 'Internal server error' };

/** By Node's parser error code; the rest are malformed HTTP. Node's own defaults, in the project's shape. */
const PARSER_REFUSALS: Record<string, { statusCode: number; message: string }> = {
  HPE_HEADER_OVERFLOW: { statusCode: 431, message: 'The request headers are too large' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { statusCode: 413, message: 'The chunk extensions are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, message: 'The request did not arrive in time' },
};
const MALFORMED = { statusCode: 400, message: 'The request is not valid HTTP' };

/**
 * Fastify options for the router's and the connection's refusals. `requireHostHeader` is off in
 * Node so that `refuseRequestsWithoutHost` can answer the missing Host in JSON instead.
 */
export function frameworkErrorOptions(logger: winston.Logger) {
  return {
    frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
      // The one other code Fastify sends here, FST_ERR_ASYNC_CONSTRAINT, is a fault of ours (a constraint threw).
      const { statusCode, message } = ROUTER_REFUSALS[error.code] ?? SERVER_FAULT;
      logger.log(statusCode >= 500 ? 'error' : 'info', 'request refused', {
        requestId: request.id,
        method: request.method,
        statusCode,
        reason: error.code,
      });
      // No hooks run for these replies, so the request id header is set here.
      void reply
        .code(statusCode)
        .header('x-request-id', request.id)
        .send(errorBody(statusCode, message, request.id));
    },

    /** Node's 'clientError': there is no request, only the socket, so the answer is written raw. */
    clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
      // A reset connection, or one already gone, has nobody to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const { statusCode, message } = PARSER_REFUSALS[error.code ?? ''] ?? MALFORMED;
      const requestId = randomUUID();
      logger.info('request refused', { requestId, statusCode, reason: error.code });
      // Once a response has begun on this connection, another one would corrupt it (as Node reasons too).
      const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
      if (socket.writable && !inFlight?.headersSent) {
        const body = JSON.stringify(errorBody(statusCode, message, requestId));
        socket.write(
          `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n` +
            'Content-Type: application/json; charset=utf-8\r\n' +
            `Content-Length: ${Buffer.byteLength(body)}\r\n` +
            `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy();
    },

    http: { requireHostHeader: false },
  };
}

/** HTTP/1.1 requires a Host header (RFC 9112 §3.2); Node's check answers with an empty body, this one in JSON. */
export function refuseRequestsWithoutHost(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.raw.httpVersion !== '1.1' || request.headers.host !== undefined) return;
    await reply
      .code(400)
      .header('connection', 'close')
      .send(errorBody(400, 'The Host header is required', request.id, [{ field: 'host', problem: 'is required' }]));
  });
}

/** Node answers an Expect other than 100-continue with an empty 417 unless someone listens; this answers in JSON. */
export function refuseUnknownExpectations(server: Server, logger: winston.Logger) {
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const requestId = requestIdFor(request);
    logger.info('request refused', { requestId, method: request.method, statusCode: 417, reason: 'expect' });
    const body = JSON.stringify(errorBody(417, 'Only the expectation 100-continue is supported', requestId));
    response.writeHead(417, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'x-request-id': requestId,
      connection: 'close',
    });
    response.end(body);
  });
}
