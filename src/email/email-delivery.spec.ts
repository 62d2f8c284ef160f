import { validEnv } from '../config/config.fixture.js';
import { loadConfig } from '../config/config.js';
import { EmailDelivery, PermanentEmailError } from './email-delivery.js';
import type { EmailMessageRecord } from './email-message.schema.js';
import type { EmailMessagesRepository } from './email-messages.repository.js';
import type { Mailer, OutgoingEmail } from './mailer.js';

const config = loadConfig({
  ...validEnv,
});
const now = new Date('2026-01-01T00:00:00Z');
const emailId = '65a000000000000000000001';

function setup(options: { claimed?: Partial<EmailMessageRecord> | null; sendError?: Error } = {}) {
  const calls = { sent: [] as OutgoingEmail[], markedSent: 0, failed: [] as [string, boolean][] };
  const claimed =
    options.claimed === null
      ? null
      : ({
          to: 'ada@example.com',
          template: 'password-reset',
          variables: { resetUrl: 'u', expiresInMinutes: '30' },
          ...options.claimed,
        } as EmailMessageRecord);
  const repository = {
    claim: async () => claimed,
    findById: async () => ({ status: 'sent' }),
    markSent: async () => void calls.markedSent++,
    markAttemptFailed: async (_id: string, error: string, final: boolean) => void calls.failed.push([error, final]),
  } as unknown as EmailMessagesRepository;
  const mailer = {
    send: async (email: OutgoingEmail) => {
      if (options.sendError) throw options.sendError;
      calls.sent.push(email);
    },
  } as unknown as Mailer;
  return { delivery: new EmailDelivery(repository, mailer, config, { now: () => now }), calls };
}

const smtpError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('EmailDelivery', () => {
  it('sends a claimed email with a message id stable across retries, then marks it sent', async () => {
    const { delivery, calls } = setup();
    await expect(delivery.deliver(emailId, false)).resolves.toBe('sent');
    expect(calls.sent).toEqual([
      expect.objectContaining({ to: 'ada@example.com', messageId: `<${emailId}@mail.novapulse.test>` }),
    ]);
    expect(calls.markedSent).toBe(1);
  });

  it('does nothing for an email it cannot claim (already sent, or being sent)', async () => {
    const { delivery, calls } = setup({ claimed: null });
    await expect(delivery.deliver(emailId, false)).resolves.toBe('skipped');
    expect(calls.sent).toHaveLength(0);
  });

  it('keeps the email queued after a transient failure that is not the last attempt', async () => {
    const { delivery, calls } = setup({
      sendError: smtpError('connect ECONNREFUSED 127.0.0.1:25', { code: 'ECONNREFUSED' }),
    });
    await expect(delivery.deliver(emailId, false)).rejects.toThrow('ECONNREFUSED');
    expect(calls.failed).toEqual([['connect ECONNREFUSED 127.0.0.1:25', false]]);
  });

  it('fails the email for good on the last attempt', async () => {
    const { delivery, calls } = setup({ sendError: smtpError('Greeting never received', { code: 'ETIMEDOUT' }) });
    await expect(delivery.deliver(emailId, true)).rejects.toThrow('Greeting never received');
    expect(calls.failed).toEqual([['ETIMEDOUT: Greeting never received', true]]);
  });

  it('treats an SMTP 5xx reply as permanent: no retry', async () => {
    const { delivery, calls } = setup({ sendError: smtpError('550 mailbox unavailable', { responseCode: 550 }) });
    await expect(delivery.deliver(emailId, false)).rejects.toBeInstanceOf(PermanentEmailError);
    expect(calls.failed).toEqual([['550 mailbox unavailable', true]]);
  });

  it('treats a record naming an unknown template as permanent', async () => {
    const { delivery, calls } = setup({ claimed: { template: 'gone' as never } });
    await expect(delivery.deliver(emailId, false)).rejects.toBeInstanceOf(PermanentEmailError);
    expect(calls.failed).toEqual([['unknown email template "gone"', true]]);
  });
});
