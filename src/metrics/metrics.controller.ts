import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { metricsRegistry } from './registry.js';

@Public()
@SkipRateLimit()
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  @ApiOperation({ summary: 'Prometheus metrics' })
  @ApiOkResponse({ description: 'The Prometheus text exposition format', content: { [metricsRegistry.contentType]: { schema: { type: 'string' } } } })
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
