import { runEntry, type RunningProcess, waitUntilReady } from '../scripts/lib/processes.mjs';
import { freePort } from '../scripts/lib/services.mjs';
import { type SmtpSink, startSmtpSink } from '../scripts/lib/smtp-sink.mjs';
import { startProducer } from './support/producer.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

describe('WORKER_QUEUES=report', () => {
  let sink: SmtpSink;
  let worker: RunningProcess;
  let producer: Awaited<ReturnType<typeof startProducer>>;
  let probeUrl: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const workerPort = await freePort();
    const env = isolatedEnv({ SMTP_URL: sink.url, WORKER_PORT: String(workerPort), WORKER_QUEUES: 'report' });
    probeUrl = `http://127.0.0.1:${workerPort}/health/ready`;
    worker = runEntry('worker', env);
    producer = await startProducer(env);
    await waitUntilReady(worker, probeUrl);
  });

  afterAll(async () => {
    await worker?.stop();
    await producer?.close();
    await sink?.close();
  });

  it('runs only the report processor', async () => {
    const body = (await (await fetch(probeUrl)).json()) as { info: { processors: { queues: { queue: string }[] } } };
    expect(body.info.processors.queues.map((q) => q.queue)).toEqual(['report']);
  });

  it('finishes a report job whose report does not exist without doing anything', async () => {
    const data = { orgId: '0123456789abcdef01234567', reportId: '0123456789abcdef01234568' };
    const jobId = await producer.producer.enqueue({ queue: 'report', name: 'generate', data });
    const job = await waitFor(async () => {
      const found = await producer.queue('report').getJob(jobId);
      return (await found?.isCompleted()) ? found : undefined;
    }, 'the report job to finish');
    expect(job.returnvalue).toBe('skipped');
    expect(job.attemptsMade).toBe(1);
  });

  it('takes no email jobs', async () => {
    const emailId = await producer.emails.send('ada@example.com', 'password-reset', {
      resetUrl: 'http://x/r',
      expiresInMinutes: '30',
    });
    // Give a consumer, were there one, ample time; the worker above finishes a report job in milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const job = await producer.queue('email').getJob(`email-${emailId}`);
    expect(await job?.getState()).toBe('waiting');
    expect(sink.messages).toHaveLength(0);
    await expect(producer.emailModel.findById(emailId).lean()).resolves.toMatchObject({
      status: 'queued',
      attempts: 0,
    });
  });
});
