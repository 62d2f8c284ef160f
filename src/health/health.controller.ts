import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { Readiness } from './readiness.js';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorator.js';

/** Probes answer anyone: Kubernetes sends no credentials. */
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** Liveness looks at the process only: a dependency outage must not get the pod restarted. */
  @Get('live')
  live() {
    return this.readiness.run([]).then((result) => result.body);
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { statusCode, body } = await this.readiness.run(this.readiness.dependencies());
    reply.status(statusCode);
    return body;
  }
}
