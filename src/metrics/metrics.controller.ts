import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { METRICS_UNAUTHORIZED, metricsAccessAllowed } from './metrics-access.js';
import { metricsRegistry } from './registry.js';

/** Public to the user guard: Prometheus has no user; METRICS_BEARER_TOKEN, when set, protects it instead. */
@Public()
@SkipRateLimit()
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'Needs `Authorization: Bearer <METRICS_BEARER_TOKEN>` when that is configured.',
  })
  @ApiOkResponse({
    description: 'The Prometheus text exposition format',
    content: { [metricsRegistry.contentType]: { schema: { type: 'string' } } },
  })
  @ApiErrors({ status: 401, description: 'A metrics token is configured and the request does not carry it' })
  scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!metricsAccessAllowed(this.config.metrics.bearerToken, authorization))
      throw new UnauthorizedException({ message: METRICS_UNAUTHORIZED });
    // Set here rather than with @Header, which would also label the JSON of an error answer as text.
    void reply.type(metricsRegistry.contentType);
    return metricsRegistry.metrics();
  }
}
