import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { RenderedEmail } from './email-templates.js';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** Stable across retries, so a receiving server or client can drop a duplicate. */
  messageId: string;
}

/** SMTP through nodemailer, every wait bounded by SMTP_TIMEOUT_MS. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const timeout = config.email.smtpTimeoutMs;
    this.transport = nodemailer.createTransport({
      url: config.email.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
    } as TransportOptions);
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail({
      from: this.config.email.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
    });
  }

  onApplicationShutdown() {
    this.transport.close();
  }
}
