import { runApiAndWorker } from '../../scripts/lib/processes.mjs';
import { freePort } from '../../scripts/lib/services.mjs';
import { startSmtpSink } from '../../scripts/lib/smtp-sink.mjs';
import { isolatedEnv } from './test-env.js';
import { startWebhookReceiver } from './webhook-receiver.js';

export type ConsoleStack = Awaited<ReturnType<typeof startConsoleStack>>;

/**
 * The built API and a worker for every queue, as production runs them, with a real SMTP sink and a
 * webhook receiver; `appUrl` names localhost, where browsers accept the console's Secure cookie over http.
 */
export async function startConsoleStack() {
  const sink = await startSmtpSink();
  const receiver = await startWebhookReceiver();
  const port = await freePort();
  const env = isolatedEnv({
    PORT: String(port),
    WORKER_PORT: String(await freePort()),
    SMTP_URL: sink.url,
    WORKER_QUEUES: 'email,webhook,workflow,report',
    WEBHOOK_RETRY_SCHEDULE: '0,1,1',
  });
  try {
    const processes = await runApiAndWorker(env);
    const stop = async () => {
      await processes.stop();
      await receiver.close();
      await sink.close();
    };
    return { env, appUrl: `http://localhost:${port}/app`, receiver, stop };
  } catch (error) {
    await receiver.close();
    await sink.close();
    throw error;
  }
}
