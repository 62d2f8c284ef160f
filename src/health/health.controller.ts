import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { healthSchema } from '../openapi/probe-schemas.js';
import { Readiness } from './readiness.js';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorator.js';

/** Probes answer anyone: Kubernetes sends no credentials. */
@Public()
@SkipRateLimit()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** Liveness looks at the process only: a dependency outage must not get the pod restarted. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness probe', description: 'The process only: never fails because a dependency is down.' })
  @ApiOkResponse({ description: 'Alive', schema: healthSchema })
  live() {
    return this.readiness.run([]).then((result) => result.body);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness probe', description: 'Pings Mongo and Redis (800 ms each).' })
  @ApiOkResponse({ description: 'Ready', schema: healthSchema })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `message` and `error` name it', schema: healthSchema })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { statusCode, body } = await this.readiness.run(this.readiness.dependencies());
    reply.status(statusCode);
    return body;
  }
}
