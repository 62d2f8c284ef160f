import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loggerFor } from '../src/common/logging/logger.js';
import { NestWinstonLogger } from '../src/common/logging/nest-logger.js';
import { exitOnSignal } from '../src/common/shutdown.js';
import { configFromEnvironment } from '../src/config/config.js';
import { ProbeServer } from './probe-server.js';
import { WorkerModule } from './worker.module.js';

const config = configFromEnvironment();
const logger = loggerFor(config, 'worker');

// An application context: no public HTTP server, only the processors and the probe port.
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: new NestWinstonLogger(logger),
});
exitOnSignal(app, { timeoutMs: config.shutdownTimeoutMs, logger });

const probes = app.get(ProbeServer).port();
logger.info(`worker running queues ${config.worker.queues.join(', ')}; probes on http://127.0.0.1:${probes}/health`, {
  queues: config.worker.queues,
  port: probes,
});
