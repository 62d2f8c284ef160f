import { Module } from '@nestjs/common';
import { EmailModule } from './email.module.js';
import { EmailDelivery } from './email-delivery.js';
import { EmailOutboxSweeper } from './email-outbox-sweeper.js';
import { Mailer } from './mailer.js';

/** Sending emails: only a worker that runs the email queue imports this. */
@Module({
  imports: [EmailModule],
  providers: [Mailer, EmailDelivery, EmailOutboxSweeper],
  exports: [EmailDelivery],
})
export class EmailDeliveryModule {}
