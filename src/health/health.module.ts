import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { Readiness } from './readiness.js';
import { RedisHealthIndicator } from './redis.health.js';

/** In the worker (an application context) the controller is inert; it serves probes on its own port. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [Readiness, RedisHealthIndicator],
  exports: [Readiness, TerminusModule],
})
export class HealthModule {}
