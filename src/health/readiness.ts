import { Injectable } from '@nestjs/common';
import {
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
  MongooseHealthIndicator,
} from '@nestjs/terminus';
import { RedisHealthIndicator } from './redis.health.js';

const PING_TIMEOUT_MS = 800;

export interface ProbeResult {
  statusCode: 200 | 503;
  body: HealthCheckResult & { message?: string };
}

/** Runs health checks and turns terminus' verdict into a status code and a body naming what is down. */
@Injectable()
export class Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongo: MongooseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** Mongo and Redis: the API and the worker both need each of them to do any work. */
  dependencies(): HealthIndicatorFunction[] {
    return [() => this.mongo.pingCheck('mongo').withTimeout(PING_TIMEOUT_MS), () => this.redis.pingCheck('redis', PING_TIMEOUT_MS)];
  }

  async run(checks: HealthIndicatorFunction[]): Promise<ProbeResult> {
    try {
      return { statusCode: 200, body: await this.health.check(checks) };
    } catch (error) {
      const body = (error as { getResponse?: () => unknown }).getResponse?.() as HealthCheckResult | undefined;
      if (!body?.details) throw error;
      const down = Object.keys(body.error ?? {});
      return { statusCode: 503, body: { ...body, message: `unavailable: ${down.join(', ')}` } };
    }
  }
}
