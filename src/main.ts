import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { installRequestHooks, requestIdFor } from './common/http/request-hooks.js';
import { loggerFor } from './common/logging/logger.js';
import { NestWinstonLogger } from './common/logging/nest-logger.js';
import { exitOnSignal } from './common/shutdown.js';
import { configFromEnvironment } from './config/config.js';

const config = configFromEnvironment();
const logger = loggerFor(config, 'api');

const adapter = new FastifyAdapter({ genReqId: requestIdFor, requestIdHeader: false, logger: false });
const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
  logger: new NestWinstonLogger(logger),
});
app.setGlobalPrefix('api/v1');
installRequestHooks(app.getHttpAdapter().getInstance(), logger);
exitOnSignal(app, { timeoutMs: config.shutdownTimeoutMs, logger });

await app.listen(config.port, '0.0.0.0');
logger.info(`API listening on http://127.0.0.1:${config.port}/api/v1`, { port: config.port });
