import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { throttledWarning } from '../../common/logging/throttled-warning.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { REDIS } from '../../redis/redis.module.js';
import type { AttemptResult } from '../outbox/attempt-result.js';
import { ACQUIRE_LUA, BREAKER_FIELDS, GATE_TTL_MS, RELEASE_LUA } from './endpoint-gate.lua.js';

/** The longest an open breaker parks an endpoint's deliveries before the next probe. */
export const MAX_OPEN_MS = 10 * 60_000;
/** Bounds on how long a delivery waits for a free slot: long enough not to spin, short enough not to idle. */
const MIN_PARK_MS = 50;
const MAX_PARK_MS = 30_000;
/** Endpoints whose usual attempt time this process remembers. */
const TYPICAL_MS_ENTRIES = 10_000;

/** busy: the endpoint is at its concurrency cap; rate_limited: at its sends per second; circuit_open: its breaker is open. */
export const PARK_REASONS = ['busy', 'rate_limited', 'circuit_open'] as const;
export type ParkReason = (typeof PARK_REASONS)[number];

export type Admission = { admitted: true; lease: string } | { admitted: false; reason: ParkReason; waitMs: number };

/** How the receiver fared, for the breaker: it answered (up), it did not (down), or we never reached it. */
export type EndpointHealth = 'up' | 'down' | 'neutral';

type GateRedis = Redis & {
  endpointAcquire(
    gate: string,
    sends: string,
    lease: string,
    cap: number,
    leaseMs: number,
    rate: number,
    skipBreaker: string,
    ttlMs: number,
  ): Promise<[number, number]>;
  endpointRelease(
    gate: string,
    lease: string,
    health: Exclude<EndpointHealth, 'up'>,
    threshold: number,
    openMs: number,
    maxOpenMs: number,
    ttlMs: number,
  ): Promise<number>;
};

// One hash tag per endpoint: the two keys share a Redis Cluster slot, so one script can touch both.
export const gateKeys = (endpointId: string) => {
  const base = `np:webhook-endpoint:{${endpointId}}`;
  return { gate: `${base}:gate`, sends: `${base}:sends` };
};

/**
 * Isolation between endpoints, shared by every worker through Redis: a cap on deliveries in flight to one
 * endpoint, its own sends-per-second limit, and a circuit breaker. A delivery that is not admitted is
 * parked (its job delayed) without an attempt being spent, so a slow or failing endpoint never holds
 * more than its cap of worker slots. When Redis cannot answer, deliveries go ahead ungated.
 */
@Injectable()
export class EndpointGate {
  private readonly logger = new Logger(EndpointGate.name);
  private readonly redis: GateRedis;
  /** Each endpoint's recent attempt duration in this process: how long a slot usually takes to free up. */
  private readonly typicalMs = new Map<string, number>();
  private readonly warn = throttledWarning(this.logger, () => Date.now());

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    redis.defineCommand('endpointAcquire', { numberOfKeys: 2, lua: ACQUIRE_LUA });
    redis.defineCommand('endpointRelease', { numberOfKeys: 1, lua: RELEASE_LUA });
    this.redis = redis as GateRedis;
  }

  /** `skipBreaker` for test sends: they go through an open breaker, as they are how an owner checks a fix. */
  async acquire(
    endpoint: { id: string; rateLimitPerSecond: number | null },
    options: { skipBreaker?: boolean } = {},
    random = Math.random,
  ): Promise<Admission> {
    const lease = randomUUID();
    const { gate, sends } = gateKeys(endpoint.id);
    const leaseMs = this.config.webhooks.timeoutMs + 5_000;
    let verdict: number;
    let waitMs: number;
    try {
      [verdict, waitMs] = await this.redis.endpointAcquire(
        gate,
        sends,
        lease,
        this.config.webhooks.endpointConcurrency,
        leaseMs,
        endpoint.rateLimitPerSecond ?? 0,
        options.skipBreaker ? '1' : '0',
        GATE_TTL_MS,
      );
    } catch (error) {
      this.warn({ message: 'endpoint gate unavailable; delivering without it', endpointId: endpoint.id, error });
      return { admitted: true, lease };
    }
    if (verdict === 0) return { admitted: true, lease };
    if (verdict === 1) return { admitted: false, reason: 'busy', waitMs: this.busyWaitMs(endpoint.id, waitMs, random) };
    // A little jitter, so the parked deliveries of one endpoint do not all come back in the same instant.
    const jittered = Math.round(waitMs + random() * Math.min(1_000, waitMs / 5 + 50));
    return { admitted: false, reason: verdict === 2 ? 'rate_limited' : 'circuit_open', waitMs: jittered };
  }

  async release(endpointId: string, lease: string, health: EndpointHealth, durationMs: number): Promise<void> {
    const previous = this.typicalMs.get(endpointId);
    // Re-inserted so the map stays ordered by last use, and the least recently used goes first.
    this.typicalMs.delete(endpointId);
    this.typicalMs.set(endpointId, previous === undefined ? durationMs : previous * 0.8 + durationMs * 0.2);
    if (this.typicalMs.size > TYPICAL_MS_ENTRIES) this.typicalMs.delete(this.typicalMs.keys().next().value!);
    const { gate } = gateKeys(endpointId);
    const { failures, openMs } = this.config.webhooks.breaker;
    try {
      // The receiver answered: the lease goes and the breaker closes, in one plain command.
      if (health === 'up') {
        await this.redis.hdel(gate, `lease:${lease}`, ...BREAKER_FIELDS);
        return;
      }
      const openedForMs = await this.redis.endpointRelease(
        gate,
        lease,
        health,
        failures,
        openMs,
        MAX_OPEN_MS,
        GATE_TTL_MS,
      );
      if (openedForMs > 0)
        this.logger.warn({
          message: 'webhook endpoint circuit opened: its deliveries are parked',
          endpointId,
          openedForMs,
        });
    } catch (error) {
      // The lease expires on its own; the breaker misses one observation.
      this.warn({ message: 'could not release an endpoint slot', endpointId, error });
    }
  }

  /**
   * A slot frees up in about the endpoint's usual attempt time; the oldest delivery in flight tells it for
   * an endpoint that has just turned slow (or one this process has not seen yet).
   */
  private busyWaitMs(endpointId: string, oldestInFlightMs: number, random: () => number): number {
    const typical = Math.max(this.typicalMs.get(endpointId) ?? 0, oldestInFlightMs);
    return Math.round(Math.min(MAX_PARK_MS, Math.max(MIN_PARK_MS, typical * (0.5 + random()))));
  }
}

/** Whether an attempt says the receiver is up (it answered), down, or nothing about it (we never sent). */
export function endpointHealth(result: AttemptResult): EndpointHealth {
  switch (result.outcome) {
    case 'success':
      return 'up';
    case 'blocked':
    case 'error':
      return 'neutral';
    case 'network':
    case 'timeout':
      return 'down';
    case 'http_error': {
      const status = result.statusCode ?? 0;
      return status === 408 || status === 429 || status >= 500 ? 'down' : 'up';
    }
  }
}
