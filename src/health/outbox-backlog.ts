import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Gauge } from 'prom-client';
import { CLOCK, type Clock } from '../common/clock.js';
import { withinMs } from '../common/within-ms.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { metricsRegistry } from '../metrics/registry.js';
import { OutboxBacklogRepository, type OutboxCounts } from './outbox-backlog.repository.js';

/** Scrapes and health checks closer together than this share one count. */
const FRESH_MS = 5_000;
/** Counting stops here: past it the number only says "very large", and costs no more to learn. */
const COUNT_CAP = 100_000;

let scraped: OutboxBacklog | undefined;

new Gauge({
  name: 'novapulse_outbox_pending_messages',
  help: `Outbox records waiting to be handed to a queue: webhook messages due now, queued emails (counted up to ${COUNT_CAP}).`,
  labelNames: ['outbox'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const counts = await scraped?.counts().catch(() => undefined);
    // Left without samples when Mongo does not answer, rather than showing a stale number.
    if (counts)
      for (const [outbox, pending] of Object.entries(counts) as [string, number][]) this.set({ outbox }, pending);
  },
});

/** How far the Mongo outboxes are behind, for /health and the metrics scrape alike. */
@Injectable()
export class OutboxBacklog implements OnModuleInit, OnModuleDestroy {
  private cached?: { at: number; counts: Promise<OutboxCounts> };

  constructor(
    private readonly repository: OutboxBacklogRepository,
    private readonly indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    scraped = this;
  }

  onModuleDestroy() {
    if (scraped === this) scraped = undefined;
  }

  counts(): Promise<OutboxCounts> {
    const now = this.clock.now();
    if (this.cached && now.getTime() - this.cached.at < FRESH_MS) return this.cached.counts;
    const counts = withinMs(
      this.repository.pending(now, Math.max(COUNT_CAP, this.config.health.outboxMaxPending + 1)),
      this.config.health.pingTimeoutMs,
      'the outbox count',
    );
    const entry = { at: now.getTime(), counts };
    this.cached = entry;
    counts.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return counts;
  }

  /** Down when either outbox holds more than HEALTH_OUTBOX_MAX_PENDING, or when it cannot be counted. */
  async check(key = 'outbox') {
    const session = this.indicators.check(key);
    const max = this.config.health.outboxMaxPending;
    try {
      const counts = await this.counts();
      return counts.webhook > max || counts.email > max
        ? session.down({ ...counts, max })
        : session.up({ ...counts, max });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
