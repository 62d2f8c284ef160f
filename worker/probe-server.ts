import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { createServer, type Server } from 'node:http';
import type { AppConfig } from '../src/config/config.js';
import { APP_CONFIG } from '../src/config/config.module.js';
import { Readiness } from '../src/health/readiness.js';
import { WorkerStatus } from './worker-status.js';

/** The worker has no public HTTP; this small port answers Kubernetes probes only. */
@Injectable()
export class ProbeServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: Readiness,
    private readonly status: WorkerStatus,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async onApplicationBootstrap() {
    this.server = createServer((request, response) => {
      void this.answer(request.method, request.url).then(({ statusCode, body }) => {
        response.writeHead(statusCode, { 'content-type': 'application/json' }).end(JSON.stringify(body));
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

  private async answer(method = 'GET', url = '/'): Promise<{ statusCode: number; body: unknown }> {
    if (method !== 'GET') return { statusCode: 405, body: { statusCode: 405, error: 'Method Not Allowed', message: 'use GET' } };
    const path = url.split('?')[0];
    if (path === '/health/live') return this.readiness.run([]);
    if (path === '/health/ready') return this.readiness.run([...this.readiness.dependencies(), () => this.processors()]);
    return { statusCode: 404, body: { statusCode: 404, error: 'Not Found', message: `no route ${path}` } };
  }

  private processors() {
    const queues = this.status.queues();
    const stopped = queues.filter((q) => !q.running).map((q) => q.queue);
    const session = this.indicators.check('processors');
    return stopped.length ? session.down({ stopped, queues }) : session.up({ queues });
  }
}
