import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AppConfig } from '../src/config/config.js';
import { APP_CONFIG } from '../src/config/config.module.js';
import { HealthChecks } from '../src/health/health-checks.js';
import { Readiness } from '../src/health/readiness.js';
import { METRICS_UNAUTHORIZED, metricsAccessAllowed } from '../src/metrics/metrics-access.js';
import { metricsRegistry } from '../src/metrics/registry.js';
import { WorkerStatus } from './worker-status.js';

interface Answer {
  statusCode: number;
  body: unknown;
  contentType?: string;
}

/** The worker has no public HTTP; this small port answers Kubernetes probes and Prometheus scrapes only. */
@Injectable()
export class ProbeServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: Readiness,
    private readonly checks: HealthChecks,
    private readonly status: WorkerStatus,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async onApplicationBootstrap() {
    this.server = createServer((request, response) => {
      void this.answer(request)
        .catch((): Answer => ({
          statusCode: 500,
          body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' },
        }))
        .then(({ statusCode, body, contentType = 'application/json' }) => {
          response
            .writeHead(statusCode, { 'content-type': contentType })
            .end(typeof body === 'string' ? body : JSON.stringify(body));
        });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(this.config.worker.port, '0.0.0.0', resolve);
    });
  }

  async onApplicationShutdown() {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.config.worker.port;
  }

  private async answer(request: IncomingMessage): Promise<Answer> {
    if (request.method !== 'GET')
      return { statusCode: 405, body: { statusCode: 405, error: 'Method Not Allowed', message: 'use GET' } };
    const path = (request.url ?? '/').split('?')[0];
    const { mongo, redis, memory, outbox, notShuttingDown } = this.checks;
    switch (path) {
      case '/health/live':
        return this.readiness.run([]);
      case '/health/ready':
        return this.readiness.run([notShuttingDown, mongo, redis, () => this.processors()]);
      case '/health':
        return this.readiness.run([mongo, redis, () => this.processors(), ...memory, outbox]);
      case '/metrics':
        if (!metricsAccessAllowed(this.config.metrics.bearerToken, request.headers.authorization)) {
          return { statusCode: 401, body: { statusCode: 401, error: 'Unauthorized', message: METRICS_UNAUTHORIZED } };
        }
        return { statusCode: 200, body: await metricsRegistry.metrics(), contentType: metricsRegistry.contentType };
      default:
        return { statusCode: 404, body: { statusCode: 404, error: 'Not Found', message: `no route ${path}` } };
    }
  }

  private processors() {
    const queues = this.status.queues();
    const stopped = queues.filter((q) => !q.running).map((q) => q.queue);
    const session = this.indicators.check('processors');
    return stopped.length ? session.down({ stopped, queues }) : session.up({ queues });
  }
}
