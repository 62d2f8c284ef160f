import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { healthSchema } from '../openapi/probe-schemas.js';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { HealthChecks } from './health-checks.js';
import { type ProbeResult, Readiness } from './readiness.js';

/** Probes answer anyone: Kubernetes sends no credentials. */
@Public()
@SkipRateLimit()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    private readonly checks: HealthChecks,
  ) {}

  /** Liveness looks at the process only: a dependency outage must not get the pod restarted. */
  @Get('live')
  @ApiOperation({
    summary: 'Liveness probe',
    description: 'The process only: never fails because a dependency is down.',
  })
  @ApiOkResponse({ description: 'Alive', schema: healthSchema })
  async live() {
    return (await this.readiness.run([])).body;
  }

  /**
   * Mongo only: without Redis the API still serves (rate limiting fails open, enqueueing falls back
   * to the Mongo outboxes, the subscription cache to Mongo), and a Redis outage must not take every
   * replica out of the load balancer at once. See docs/observability.md.
   */
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness probe',
    description: 'Pings Mongo; 503 from the moment the process is asked to shut down.',
  })
  @ApiOkResponse({ description: 'Ready', schema: healthSchema })
  @ApiServiceUnavailableResponse({
    description: 'Mongo is down or the process is shutting down; `message` and `error` name it',
    schema: healthSchema,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    return answer(reply, await this.readiness.run([this.checks.notShuttingDown, this.checks.mongo]));
  }

  @Get()
  @ApiOperation({
    summary: 'Full health',
    description:
      'Mongo, Redis, heap and RSS against their limits, and the outbox backlog. For people and dashboards, not for probes.',
  })
  @ApiOkResponse({ description: 'Everything is up', schema: healthSchema })
  @ApiServiceUnavailableResponse({
    description: 'Something is down; `message` and `error` name it',
    schema: healthSchema,
  })
  async full(@Res({ passthrough: true }) reply: FastifyReply) {
    return answer(
      reply,
      await this.readiness.run([this.checks.mongo, this.checks.redis, ...this.checks.memory, this.checks.outbox]),
    );
  }
}

function answer(reply: FastifyReply, { statusCode, body }: ProbeResult) {
  reply.status(statusCode);
  return body;
}
