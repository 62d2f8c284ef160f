import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { withinMs } from '../common/within-ms.js';
import { QUEUE_NAMES } from '../config/env.schema.js';
import { metricsRegistry } from './registry.js';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const SCRAPE_BUDGET_MS = 1_000;

let scraped: QueueMetrics | undefined;

new Gauge({
  name: 'novapulse_queue_jobs',
  help: 'Jobs in each queue by state (waiting, active, delayed, failed), read from Redis on scrape.',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const { queue, counts } of (await scraped?.counts()) ?? []) {
      for (const state of STATES) this.set({ queue, state }, counts[state] ?? 0);
    }
  },
});

/**
 * Every queue's job counts, one Redis round trip per queue on each scrape. Queues whose Redis
 * connection is down are left out (no samples) instead of holding the scrape up.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(QueueMetrics.name);
  private queues: Queue[] = [];

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit() {
    this.queues = QUEUE_NAMES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    scraped = this;
  }

  onModuleDestroy() {
    if (scraped === this) scraped = undefined;
  }

  async counts(): Promise<{ queue: string; counts: Record<string, number> }[]> {
    const read = await Promise.all(
      this.queues.map(async (queue) => {
        if ((await queue.backend.client).status !== 'ready') return null;
        const counts = await withinMs(queue.getJobCounts(...STATES), SCRAPE_BUDGET_MS, `queue ${queue.name}`).catch(
          (error: unknown) => {
            this.logger.warn({ message: 'could not read queue counts for metrics', queue: queue.name, error });
            return null;
          },
        );
        return counts && { queue: queue.name, counts };
      }),
    );
    return read.filter((entry) => entry !== null);
  }
}
