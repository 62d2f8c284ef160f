import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { PeriodicTask } from '../common/periodic-task.js';
import { EmailService } from './email.service.js';
import { EmailMessagesRepository } from './email-messages.repository.js';

const SWEEP_EVERY_MS = 30_000;
const STALE_AFTER_MS = 60_000;
const BATCH = 100;

/**
 * Re-enqueues queued emails whose job may never have reached Redis (it was down when the API wrote
 * the record). Enqueueing is idempotent, so a job that does exist is left as it is.
 */
@Injectable()
export class EmailOutboxSweeper extends PeriodicTask {
  constructor(
    private readonly messages: EmailMessagesRepository,
    private readonly emails: EmailService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(SWEEP_EVERY_MS, 'email outbox sweep failed');
  }

  protected pass() {
    return this.sweep();
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
