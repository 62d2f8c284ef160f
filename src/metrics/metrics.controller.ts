import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { metricsRegistry } from './registry.js';

@Public()
@SkipRateLimit()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
