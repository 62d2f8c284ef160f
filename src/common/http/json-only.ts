import type { FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * The API speaks JSON only: a request that carries a body of any other media type is refused with
 * 415 before anything parses it (form bodies would otherwise be parsed and validated as objects).
 */
export function requireJsonBodies(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const type = request.headers['content-type'] ?? '';
    if (!hasBody || JSON_TYPE.test(type)) return;
    await reply.code(415).send({
      statusCode: 415,
      error: STATUS_CODES[415],
      message: `Send the body as application/json${type ? `, not ${type.split(';')[0]}` : ' (Content-Type is missing)'}`,
      details: [{ field: 'content-type', problem: 'must be application/json' }],
      requestId: request.id,
    });
  });
}
