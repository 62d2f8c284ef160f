import 'reflect-metadata';
import { createApiApp } from './api-app.js';
import { loggerFor } from './common/logging/logger.js';
import { exitOnSignal } from './common/shutdown.js';
import { configFromEnvironment } from './config/config.js';

const config = configFromEnvironment();
const logger = loggerFor(config, 'api');
const { app, drain, inFlight } = await createApiApp(config, logger);
exitOnSignal(app, {
  timeoutMs: config.shutdownTimeoutMs,
  logger,
  // Nest closes connections before the HTTP server; stop serving first so no request loses its database.
  drain,
  stillOpen: () => ({ httpRequestsInFlight: inFlight() }),
});

await app.listen(config.port, '0.0.0.0');
logger.info(`API listening on http://127.0.0.1:${config.port}/api/v1`, { port: config.port });
