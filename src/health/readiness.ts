import { Injectable } from '@nestjs/common';
import { type HealthCheckResult, HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';

export interface ProbeResult {
  statusCode: 200 | 503;
  body: HealthCheckResult & { message?: string };
}

/** Runs health checks and turns terminus' verdict into a status code and a body naming what is down. */
@Injectable()
export class Readiness {
  constructor(private readonly health: HealthCheckService) {}

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
