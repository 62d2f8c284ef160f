import { runEntry, waitUntilReady } from '../scripts/lib/processes.mjs';
import { freePort } from '../scripts/lib/services.mjs';
import { startSmtpSink } from '../scripts/lib/smtp-sink.mjs';
import { startProducer } from './support/producer.js';
import { isolatedEnv } from './support/test-env.js';

describe('worker shutdown', () => {
  it('on SIGTERM turns readiness 503, finishes the job it is running, then exits 0', async () => {
    const sink = await startSmtpSink({ acceptDelayMs: 1_500 });
    const workerPort = await freePort();
    const env = isolatedEnv({ SMTP_URL: sink.url, WORKER_PORT: String(workerPort), WORKER_QUEUES: 'email' });
    const worker = runEntry('worker', env);
    const producer = await startProducer(env);
    try {
      await waitUntilReady(worker, `http://127.0.0.1:${workerPort}/health/ready`);
      const emailId = await producer.emails.send('ada@example.com', 'invitation', {
        orgName: 'Acme',
        inviterName: 'Grace',
        acceptUrl: 'http://localhost/accept',
      });
      await sink.mailStarted;

      const signalledAt = Date.now();
      const exited = worker.stop('SIGTERM');
      // While it finishes the job, the probe port still answers, and readiness says it is going away.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ready = await fetch(`http://127.0.0.1:${workerPort}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: { shutdown: { status: 'down' } } });
      const exitCode = await exited;

      expect(exitCode).toBe(0);
      // The SMTP server held the message for 1.5 s: exiting sooner would mean the job was abandoned.
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1_000);
      expect(sink.messages).toHaveLength(1);
      await expect(producer.emailModel.findById(emailId).lean()).resolves.toMatchObject({
        status: 'sent',
        attempts: 1,
      });
      expect(worker.output()).toContain('shut down cleanly');
    } finally {
      await worker.stop('SIGKILL');
      await producer.close();
      await sink.close();
    }
  });
});
