// The minimal durable baseline's API, its own process like NovaPulse's: POST /events stores the event
// and one message per endpoint (the outbox) in two inserts, then queues each message by id and answers
// 202. Written by hand with the mongodb driver and BullMQ, no framework.
// Env: PORT, REDIS_URL, MONGO_URI, QUEUE, ENDPOINTS_URL (messages go to `<ENDPOINTS_URL>/<type>`).
import { Queue } from 'bullmq';
import mongoose from 'mongoose';
import { createServer } from 'node:http';

const { PORT, REDIS_URL, MONGO_URI, QUEUE, ENDPOINTS_URL } = process.env;
const redis = new URL(REDIS_URL);
const client = await new mongoose.mongo.MongoClient(MONGO_URI).connect();
const db = client.db();
const events = db.collection('events');
const messages = db.collection('messages');
const queue = new Queue(QUEUE, {
  connection: { host: redis.hostname, port: Number(redis.port) },
  defaultJobOptions: { removeOnComplete: { age: 3_600, count: 1_000 } },
});

async function publish({ type, payload }) {
  const now = new Date();
  const eventId = new mongoose.mongo.ObjectId();
  const body = JSON.stringify({ type, timestamp: now.toISOString(), data: payload });
  const message = {
    _id: new mongoose.mongo.ObjectId(),
    eventId,
    url: `${ENDPOINTS_URL}/${type}`,
    body,
    status: 'pending',
    attempts: 0,
    enqueuedAt: now,
  };
  await messages.insertOne(message);
  await events.insertOne({ _id: eventId, type, body, createdAt: now });
  const messageId = message._id.toHexString();
  await queue.add('deliver', { messageId }, { jobId: `${messageId}-1` });
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    publish(JSON.parse(Buffer.concat(chunks).toString('utf8'))).then(
      () => response.writeHead(202).end(),
      (error) => response.writeHead(500).end(error.message),
    );
  });
});
server.keepAliveTimeout = 60_000;
await new Promise((resolve) => server.listen(Number(PORT), '127.0.0.1', resolve));

const stop = async () => {
  server.closeAllConnections();
  server.close();
  await queue.close();
  await client.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('disconnect', stop);
process.send?.('ready');
