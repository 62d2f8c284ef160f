import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { EmailMessagesRepository } from './email-messages.repository.js';
import { EmailService } from './email.service.js';

const SWEEP_EVERY_MS = 30_000;
const STALE_AFTER_MS = 60_000;
const BATCH = 100;

/**
 * Re-enqueues queued emails whose job may never have reached Redis (it was down when the API wrote
 * the record). Enqueueing is idempotent, so a job that does exist is left as it is.
 */
@Injectable()
export class EmailOutboxSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EmailOutboxSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly messages: EmailMessagesRepository,
    private readonly emails: EmailService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  private tick() {
    this.running ??= this.sweep()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ message: 'email outbox sweep failed', error }))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async sweep(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - STALE_AFTER_MS);
    const stale = await this.messages.findStale(before, BATCH);
    for (const { _id } of stale) {
      await this.emails.enqueue(_id.toHexString());
      await this.messages.touch(_id);
    }
    if (stale.length) this.logger.log({ message: 'email outbox swept', count: stale.length });
    return stale.length;
  }
}
