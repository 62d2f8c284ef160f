// The minimal durable baseline's worker: reads the message the job names, signs and POSTs its body,
// inserts the attempt, and settles the message with one update guarded by its attempt count, so a job
// run twice cannot record twice. Env: REDIS_URL, MONGO_URI, QUEUE, CONCURRENCY.
import { Worker } from 'bullmq';
import mongoose from 'mongoose';
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';

const { REDIS_URL, MONGO_URI, QUEUE, CONCURRENCY } = process.env;
const SECRET = Buffer.from('durable-baseline-signing-secret');
const redis = new URL(REDIS_URL);
const client = await new mongoose.mongo.MongoClient(MONGO_URI).connect();
const db = client.db();
const messages = db.collection('messages');
const attempts = db.collection('attempts');

const worker = new Worker(
  QUEUE,
  async (job) => {
    const _id = new mongoose.mongo.ObjectId(job.data.messageId);
    const message = await messages.findOne({ _id });
    if (!message || message.status !== 'pending') return;
    const started = performance.now();
    const id = `msg_${job.data.messageId}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', SECRET).update(`${id}.${timestamp}.${message.body}`).digest('base64');
    const response = await request(message.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${signature}`,
      },
      body: message.body,
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
    });
    await response.body.dump();
    const ok = response.statusCode < 300;
    await attempts.insertOne({
      messageId: _id,
      attempt: message.attempts + 1,
      statusCode: response.statusCode,
      durationMs: Math.round(performance.now() - started),
      at: new Date(),
    });
    await messages.updateOne(
      { _id, attempts: message.attempts, status: 'pending' },
      { $set: { status: ok ? 'succeeded' : 'failed', enqueuedAt: null }, $inc: { attempts: 1 } },
    );
  },
  {
    connection: { host: redis.hostname, port: Number(redis.port), maxRetriesPerRequest: null },
    concurrency: Number(CONCURRENCY),
  },
);
worker.on('failed', (job, error) => console.error(`durable baseline job ${job?.id} failed: ${error.message}`));
await worker.waitUntilReady();

let stopping;
const stop = () =>
  (stopping ??= (async () => {
    await worker.close();
    await client.close();
    process.exit(0);
  })());
process.once('SIGTERM', stop);
process.once('disconnect', stop);
process.send?.('ready');
