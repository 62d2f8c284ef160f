import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type winston from 'winston';
import { loadConsoleFiles } from './console-files.js';

export const CONSOLE_PATH = '/app';

/**
 * The console's browser files at /app, outside the JSON API's prefix and its guards (the pages call the
 * API with tokens like any client). Paths without a file extension are the console's own routes, so
 * they answer index.html and the page routes in the browser. Every answer carries the console's CSP.
 */
export async function installConsole(app: NestFastifyApplication, logger: winston.Logger): Promise<void> {
  const files = loadConsoleFiles();
  if (!files) {
    logger.warn('the console is not built (npm run build writes dist/console); /app is not served');
    return;
  }
  const sendIndex = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(files.indexHtml);
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      // Helmet's policy (made for the OpenAPI UI) was set on the raw response first.
      reply.raw.removeHeader('content-security-policy');
      void reply.header('content-security-policy', files.csp);
      return payload;
    });
    // One route per file found at start-up, so any other path reaches the fallback below.
    await scope.register(fastifyStatic, {
      root: files.root,
      prefix: `${CONSOLE_PATH}/`,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each script and stylesheet.
      preCompressed: true,
      decorateReply: false,
    });
    scope.get(CONSOLE_PATH, sendIndex);
    scope.get(`${CONSOLE_PATH}/*`, async (request, reply) => {
      const last = request.url.split('?')[0]!.split('/').pop() ?? '';
      if (!last.includes('.')) return sendIndex(request, reply);
      return reply.code(404).send({
        statusCode: 404,
        error: 'Not Found',
        message: `No console file at ${request.url.split('?')[0]}`,
        requestId: request.id,
      });
    });
  });
}
