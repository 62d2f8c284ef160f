import { Injectable } from '@nestjs/common';

/** Set once a termination signal arrives: readiness answers 503 from then on. */
@Injectable()
export class ShutdownState {
  private since: Date | null = null;

  begin() {
    this.since ??= new Date();
  }

  get shuttingDown(): boolean {
    return this.since !== null;
  }
}
