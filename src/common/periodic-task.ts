import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * A provider that runs `pass()` every `everyMs` from start-up, never two at once (a slow pass is not
 * overlapped), and lets the pass in flight finish on shutdown, so a batch is not cut in half. A failed
 * pass is logged as `failure`; the next one runs on time.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  protected constructor(
    private readonly everyMs: number,
    private readonly failure: string,
  ) {}

  protected abstract pass(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick() {
    this.running ??= this.pass()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ message: this.failure, error }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
