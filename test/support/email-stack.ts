import mongoose from 'mongoose';
import { runEntry, waitUntilReady } from '../../scripts/lib/processes.mjs';
import { freePort } from '../../scripts/lib/services.mjs';
import { startSmtpSink } from '../../scripts/lib/smtp-sink.mjs';
import { startApi, type TestApi } from './api.js';
import { isolatedEnv } from './test-env.js';

export type EmailStack = Awaited<ReturnType<typeof startEmailStack>>;

/**
 * An API in this process, an email worker process delivering to a real SMTP sink, and a connection to
 * their database; `stop` drops the database and stops the rest.
 */
export async function startEmailStack(overrides: Record<string, string> = {}) {
  const sink = await startSmtpSink();
  const env = isolatedEnv({
    SMTP_URL: sink.url,
    WORKER_PORT: String(await freePort()),
    WORKER_QUEUES: 'email',
    ...overrides,
  });
  const worker = runEntry('worker', env);
  let api: TestApi | undefined;
  let db: mongoose.Connection | undefined;
  const stop = async () => {
    await api?.close();
    await worker.stop();
    await db?.dropDatabase();
    await db?.close();
    await sink.close();
  };
  try {
    api = await startApi(env);
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    await waitUntilReady(worker, `http://127.0.0.1:${env.WORKER_PORT}/health/ready`);
    return { api, db, sink, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
