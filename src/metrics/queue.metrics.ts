import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { CLOCK, type Clock } from '../common/clock.js';
import { withinMs } from '../common/within-ms.js';
import { QUEUE_NAMES } from '../config/env.schema.js';
import { oldestWaitingAgeMs } from '../queues/oldest-waiting.js';
import { metricsRegistry } from './registry.js';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const SCRAPE_BUDGET_MS = 1_000;

interface QueueSnapshot {
  queue: string;
  counts: Record<string, number>;
  oldestWaitingAgeMs: number | null;
}

let scraped: QueueMetrics | undefined;

new Gauge({
  name: 'novapulse_queue_jobs',
  help: 'Jobs in each queue by state (waiting, active, delayed, failed), read from Redis on scrape.',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const { queue, counts } of (await scraped?.snapshot()) ?? []) {
      for (const state of STATES) this.set({ queue, state }, counts[state] ?? 0);
    }
  },
});

new Gauge({
  name: 'novapulse_queue_oldest_waiting_age_seconds',
  help: 'How long the next job to be picked up from each queue has waited (0 when none waits), read on scrape.',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const { queue, oldestWaitingAgeMs } of (await scraped?.snapshot()) ?? []) {
      this.set({ queue }, (oldestWaitingAgeMs ?? 0) / 1_000);
    }
  },
});

/**
 * Every queue's job counts and oldest waiting job, read once per scrape for both gauges. Queues whose
 * Redis connection is down are left out (no samples) instead of holding the scrape up.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(QueueMetrics.name);
  private queues: Queue[] = [];
  private reading?: Promise<QueueSnapshot[]>;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.queues = QUEUE_NAMES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    scraped = this;
  }

  onModuleDestroy() {
    if (scraped === this) scraped = undefined;
  }

  /** The gauges collect concurrently on a scrape: they share the read in flight. */
  snapshot(): Promise<QueueSnapshot[]> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<QueueSnapshot[]> {
    const now = this.clock.now().getTime();
    const read = await Promise.all(
      this.queues.map(async (queue) => {
        if ((await queue.backend.client).status !== 'ready') return null;
        const both = Promise.all([queue.getJobCounts(...STATES), oldestWaitingAgeMs(queue, now)]);
        return withinMs(both, SCRAPE_BUDGET_MS, `queue ${queue.name}`).then(
          ([counts, oldest]) => ({ queue: queue.name, counts, oldestWaitingAgeMs: oldest }),
          (error: unknown) => {
            this.logger.warn({ message: 'could not read queue counts for metrics', queue: queue.name, error });
            return null;
          },
        );
      }),
    );
    return read.filter((entry) => entry !== null);
  }
}
