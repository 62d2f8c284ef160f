import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type winston from 'winston';
import { AppModule } from './app.module.js';
import { parseJsonBodiesExactly } from './common/http/exact-json.js';
import {
  frameworkErrorOptions,
  refuseRequestsWithoutHost,
  refuseUnknownExpectations,
} from './common/http/framework-errors.js';
import { requireJsonBodies } from './common/http/json-only.js';
import { installRequestHooks, requestIdFor } from './common/http/request-hooks.js';
import { NestWinstonLogger } from './common/logging/nest-logger.js';
import type { AppConfig } from './config/config.js';
import { installConsole } from './console/install-console.js';
import { installHttpMetrics } from './metrics/http.metrics.js';
import { setupOpenApi } from './openapi/setup-openapi.js';
import { installQueueBoard } from './queue-admin/queue-board.js';

export interface ApiApp {
  app: NestFastifyApplication;
  /**
   * Readiness turns 503; on SIGTERM the API keeps serving for SHUTDOWN_UNREADY_DELAY_MS so load
   * balancers stop sending traffic first; then it stops accepting connections and resolves once
   * every request in flight has been answered.
   */
  drain: (signal?: NodeJS.Signals) => Promise<void>;
  /** Requests received and not yet answered. */
  inFlight: () => number;
}

/** The API as main.ts serves it; tests build it the same way. */
export async function createApiApp(config: AppConfig, logger: winston.Logger): Promise<ApiApp> {
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    requestIdHeader: false,
    logger: false,
    trustProxy: trustProxyOption(config.http.trustProxy),
    bodyLimit: config.http.bodyLimit,
    // On close, drop keep-alive connections with no request in flight instead of waiting them out.
    forceCloseConnections: 'idle',
    // What the router and Node's HTTP parser refuse is answered in the same JSON shape as the rest.
    ...frameworkErrorOptions(logger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new NestWinstonLogger(logger),
  });
  app.setGlobalPrefix('api/v1');
  setupOpenApi(app);
  await installQueueBoard(app, config);
  await installConsole(app, logger);
  const fastify = app.getHttpAdapter().getInstance();
  installRequestHooks(fastify, logger);
  const inFlight = installHttpMetrics(fastify);
  refuseRequestsWithoutHost(fastify);
  refuseUnknownExpectations(fastify.server, logger);
  requireJsonBodies(fastify);
  parseJsonBodiesExactly(app, config.http.bodyLimit);
  await app.register(helmet, {
    // The API answers JSON; the one HTML page is the OpenAPI UI, which needs its inline bootstrap.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  if (config.http.corsOrigins.length) {
    app.enableCors({
      origin: config.http.corsOrigins.includes('*') ? '*' : config.http.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  let draining = false;
  // While draining, each answered connection is closed, so keep-alive clients move elsewhere at once.
  fastify.addHook('onSend', async (_request, reply) => {
    if (draining) void reply.header('connection', 'close');
  });
  const drain = async (signal?: NodeJS.Signals) => {
    // Ctrl+C in a terminal has no load balancer to wait for.
    if (signal === 'SIGTERM' && config.shutdownUnreadyDelayMs > 0) {
      logger.info('readiness is 503; still serving while load balancers catch up', {
        delayMs: config.shutdownUnreadyDelayMs,
      });
      await sleep(config.shutdownUnreadyDelayMs);
    }
    draining = true;
    await fastify.close();
  };
  return { app, drain, inFlight };
}

/** A number means "this many proxy hops"; Fastify takes that as a function of the hop index. */
function trustProxyOption(trust: boolean | number | string[]) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}
