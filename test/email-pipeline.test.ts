import { runApiAndWorker, runEntry, type RunningProcess } from '../scripts/lib/processes.mjs';
import { freePort } from '../scripts/lib/services.mjs';
import { type SmtpSink, startSmtpSink } from '../scripts/lib/smtp-sink.mjs';
import { startProducer } from './support/producer.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

const invitation = { orgName: 'Acme', inviterName: 'Grace', acceptUrl: 'http://localhost:5173/accept?t=1' };

describe('email from the API producer to the SMTP sink, through a separate worker process', () => {
  let sink: SmtpSink;
  let api: RunningProcess;
  let worker: RunningProcess;
  let producer: Awaited<ReturnType<typeof startProducer>>;
  let apiUrl: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const [port, workerPort] = [await freePort(), await freePort()];
    const env = isolatedEnv({ SMTP_URL: sink.url, PORT: String(port), WORKER_PORT: String(workerPort) });
    ({ api, worker, apiUrl } = await runApiAndWorker(env));
    producer = await startProducer(env);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await producer?.close();
    await sink?.close();
  });

  it('the API reports itself ready, and healthy with Mongo and Redis up', async () => {
    expect((await fetch(`${apiUrl}/health/ready`)).status).toBe(200);
    const response = await fetch(`${apiUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { mongo: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('delivers the mail with the right recipient and subject and marks the record sent', async () => {
    const emailId = await producer.emails.send('ada@example.com', 'invitation', invitation);
    const mail = await waitFor(() => sink.messages.find((m) => m.messageId?.includes(emailId)), 'the mail to arrive');
    expect(mail.to).toMatchObject({ value: [{ address: 'ada@example.com' }] });
    expect(mail.subject).toBe('Grace invited you to Acme on NovaPulse');
    expect(mail.text).toContain('http://localhost:5173/accept?t=1');
    const record = await waitFor(async () => {
      const found = await producer.emailModel.findById(emailId).lean();
      return found?.status === 'sent' ? found : undefined;
    }, 'the record to be sent');
    expect(record).toMatchObject({ attempts: 1, lastError: null });
    expect(record.sentAt).toBeInstanceOf(Date);
  });

  it('does not send twice when the same email is processed again', async () => {
    const emailId = await producer.emails.send('bob@example.com', 'password-reset', {
      resetUrl: 'http://x/r',
      expiresInMinutes: '30',
    });
    await waitFor(() => sink.messages.some((m) => m.messageId?.includes(emailId)), 'the first mail');

    const jobId = await producer.producer.enqueue(
      { queue: 'email', name: 'send', data: { emailId } },
      { jobId: `again-${emailId}` },
    );
    const job = await waitFor(async () => {
      const found = await producer.queue('email').getJob(jobId);
      return (await found?.isCompleted()) ? found : undefined;
    }, 'the repeated job to finish');
    expect(job.returnvalue).toBe('skipped');
    expect(sink.messages.filter((m) => m.messageId?.includes(emailId))).toHaveLength(1);
  });
});

describe('email with the SMTP server down', () => {
  it('ends the record failed, with the error, after the configured attempts', async () => {
    const env = isolatedEnv({
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      SMTP_TIMEOUT_MS: '1000',
      EMAIL_ATTEMPTS: '3',
      EMAIL_BACKOFF_MS: '50',
      WORKER_PORT: String(await freePort()),
    });
    const worker = runEntry('worker', env);
    const producer = await startProducer(env);
    try {
      const emailId = await producer.emails.send('ada@example.com', 'invitation', invitation);
      const record = await waitFor(
        async () => {
          const found = await producer.emailModel.findById(emailId).lean();
          return found?.status === 'failed' ? found : undefined;
        },
        'the record to fail',
        20_000,
      );
      expect(record.attempts).toBe(3);
      expect(record.lastError).toMatch(/ECONNREFUSED/);
      // The record is settled inside the last attempt; BullMQ marks the job failed just after.
      const job = await waitFor(async () => {
        const found = await producer.queue('email').getJob(`email-${emailId}`);
        return (await found?.isFailed()) ? found : undefined;
      }, 'the job to fail');
      expect(job.attemptsMade).toBe(3);
    } finally {
      await worker.stop();
      await producer.close();
    }
  });
});
