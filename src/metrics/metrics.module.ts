import { Module } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';
import { MetricsController } from './metrics.controller.js';
import { metricsRegistry } from './registry.js';

collectDefaultMetrics({ register: metricsRegistry });

@Module({ controllers: [MetricsController] })
export class MetricsModule {}
