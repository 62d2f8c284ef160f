import { Inject, Injectable } from '@nestjs/common';
import { type HealthIndicatorFunction, HealthIndicatorService, MemoryHealthIndicator } from '@nestjs/terminus';
import { ShutdownState } from '../common/shutdown-state.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { MongoHealthIndicator } from './mongo.health.js';
import { OutboxBacklog } from './outbox-backlog.js';
import { RedisHealthIndicator } from './redis.health.js';

/** Each check the probes of either process are made of, with the budgets from configuration. */
@Injectable()
export class HealthChecks {
  constructor(
    private readonly mongoIndicator: MongoHealthIndicator,
    private readonly redisIndicator: RedisHealthIndicator,
    private readonly memoryIndicator: MemoryHealthIndicator,
    private readonly backlog: OutboxBacklog,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdownState: ShutdownState,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  readonly mongo: HealthIndicatorFunction = () =>
    this.mongoIndicator.pingCheck('mongo', this.config.health.pingTimeoutMs);

  readonly redis: HealthIndicatorFunction = () =>
    this.redisIndicator.pingCheck('redis', this.config.health.pingTimeoutMs);

  readonly memory: HealthIndicatorFunction[] = [
    () => this.memoryIndicator.checkHeap('memory_heap', this.config.health.heapMaxBytes),
    () => this.memoryIndicator.checkRSS('memory_rss', this.config.health.rssMaxBytes),
  ];

  readonly outbox: HealthIndicatorFunction = () => this.backlog.check('outbox');

  /** Down from the moment a termination signal arrives, so traffic moves away before serving stops. */
  readonly notShuttingDown: HealthIndicatorFunction = () => {
    const session = this.indicators.check('shutdown');
    return this.shutdownState.shuttingDown ? session.down({ message: 'shutting down' }) : session.up();
  };
}
