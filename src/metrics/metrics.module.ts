import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { QueueMetrics } from './queue.metrics.js';

/** In the worker (an application context) the controller is inert; its probe server serves /metrics. */
@Module({ controllers: [MetricsController], providers: [QueueMetrics] })
export class MetricsModule {}
