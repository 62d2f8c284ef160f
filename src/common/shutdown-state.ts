import { Injectable } from '@nestjs/common';

/** Set once a termination signal arrives: readiness answers 503 from then on. */
@Injectable()
export class ShutdownState {
  private begun = false;

  begin() {
    this.begun = true;
  }

  get shuttingDown(): boolean {
    return this.begun;
  }
}
