import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type winston from 'winston';
import { AppModule } from './app.module.js';
import { installRequestHooks, requestIdFor } from './common/http/request-hooks.js';
import { NestWinstonLogger } from './common/logging/nest-logger.js';
import type { AppConfig } from './config/config.js';

/** The API as main.ts serves it; tests build it the same way. */
export async function createApiApp(config: AppConfig, logger: winston.Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    requestIdHeader: false,
    logger: false,
    trustProxy: trustProxyOption(config.http.trustProxy),
    bodyLimit: config.http.bodyLimit,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new NestWinstonLogger(logger),
  });
  app.setGlobalPrefix('api/v1');
  installRequestHooks(app.getHttpAdapter().getInstance(), logger);
  return app;
}

/** A number means "this many proxy hops"; Fastify takes that as a function of the hop index. */
function trustProxyOption(trust: boolean | number | string[]) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}
