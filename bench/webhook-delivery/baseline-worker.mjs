// The baseline's consumer, run as its own process like NovaPulse's worker: a plain BullMQ Worker whose
// job carries the whole delivery (URL and body); it POSTs with undici and inserts one attempt document.
// Env: REDIS_URL, MONGO_URI, QUEUE, CONCURRENCY. Tells its parent "ready" over IPC; stops on SIGTERM.
import { Worker } from 'bullmq';
import mongoose from 'mongoose';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';

const { REDIS_URL, MONGO_URI, QUEUE, CONCURRENCY } = process.env;
const redis = new URL(REDIS_URL);
const connection = await mongoose.createConnection(MONGO_URI).asPromise();
const attempts = connection.db.collection('baseline_attempts');

const worker = new Worker(
  QUEUE,
  async (job) => {
    const started = performance.now();
    const response = await request(job.data.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: job.data.body,
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
    });
    await response.body.dump();
    await attempts.insertOne({
      jobId: job.id,
      statusCode: response.statusCode,
      durationMs: Math.round(performance.now() - started),
      at: new Date(),
    });
  },
  {
    connection: { host: redis.hostname, port: Number(redis.port), maxRetriesPerRequest: null },
    concurrency: Number(CONCURRENCY),
  },
);
worker.on('failed', (job, error) => console.error(`baseline job ${job?.id} failed: ${error.message}`));
await worker.waitUntilReady();

let stopping;
const stop = () =>
  (stopping ??= (async () => {
    await worker.close();
    await connection.close();
    process.exit(0);
  })());
process.once('SIGTERM', stop);
// The bench died without stopping us.
process.once('disconnect', stop);
process.send?.('ready');
