import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from 'mongoose';

@Injectable()
export class MongoHealthIndicator {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /**
   * A real ping rather than the connection's last known state: after an outage the ping's server
   * selection makes the driver look for the server at once, so readiness recovers within a probe or two.
   */
  pingCheck(key: string, timeoutMs: number) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        if (!this.connection.db) throw new Error('not connected');
        await this.connection.db.command({ ping: 1 });
      })
      .withTimeout(timeoutMs);
  }
}
