import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { HttpException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config.js';
import { OperatorAccess } from '../operators/operator-access.js';
import { QueueRegistry } from './queue-registry.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues when ADMIN_QUEUES_ENABLED is true. Its routes are plain Fastify routes,
 * outside Nest's global guards, so its Fastify scope gets its own onRequest check: operators only,
 * on its page, its static files and its JSON API alike.
 */
export async function installQueueBoard(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  if (!config.queueBoard.enabled) return;
  const access = app.get(OperatorAccess);
  const board = new FastifyAdapter();
  createBullBoard({
    queues: app
      .get(QueueRegistry)
      .all()
      .map((queue) => new BullMQAdapter(queue, { readOnlyMode: config.queueBoard.readOnly })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'NovaPulse queues' } },
  });
  board.setBasePath(QUEUE_BOARD_PATH);
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request, reply) => {
      try {
        await access.requireBearer(request.headers.authorization);
      } catch (error) {
        if (!(error instanceof HttpException)) throw error;
        const status = error.getStatus();
        const { message } = error.getResponse() as { message: string };
        const body = { statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message };
        return reply.code(status).send({ ...body, requestId: request.id });
      }
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
