// Webhook deliveries per second and event→receipt latency: NovaPulse (POST /api/v1/events to the built
// API, the webhook worker process delivering signed requests through the Mongo outbox) against a plain
// baseline on the same FerretDB, Redis and receiver (a BullMQ job carrying the whole delivery, a plain
// Worker process doing one undici POST and one insertOne). Same events, same in-flight sends, same worker
// concurrency. Run `npm run build` first. Env: BENCH_EVENTS, BENCH_IN_FLIGHT, BENCH_CONCURRENCY, BENCH_ENDPOINTS.
import { Queue } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNode, waitUntil } from '../scripts/lib/processes.mjs';
import { startFerretDB, startRedis } from '../scripts/lib/services.mjs';
import { sendAll, summarize } from './webhook-delivery/load.mjs';
import { BENCH_PROCESS, startNovaPulse } from './webhook-delivery/novapulse.mjs';
import { startReceiver } from './webhook-delivery/receiver.mjs';

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
};
const EVENTS = positive('BENCH_EVENTS', 500);
const IN_FLIGHT = positive('BENCH_IN_FLIGHT', 32);
const CONCURRENCY = positive('BENCH_CONCURRENCY', 16);
const ENDPOINTS = positive('BENCH_ENDPOINTS', 1);
const WARM_UP = Math.min(50, EVENTS);
// A run ends when every delivery has arrived, or when none has arrived for this long.
const IDLE_MS = 30_000;

const dataDir = mkdtempSync(join(tmpdir(), 'novapulse-bench-'));
const cleanups = [];
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup().catch((error) => console.error(`clean-up: ${error.message}`));
};
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
])
  process.once(signal, () => void cleanUp().finally(() => process.exit(code)));

/** One measured run: registers it with the receiver, sends every event, waits for every receipt. */
async function measure(receiver, run, count, send) {
  const expected = receiver.expect(run, count);
  const { startedAt, errors } = await sendAll(count, IN_FLIGHT, (seq) => send(run, seq));
  await expected.settled(IDLE_MS);
  return { ...summarize(startedAt, expected.receivedAt), duplicates: expected.duplicates(), errors };
}

/**
 * One NovaPulse row: a fresh database each time, since on FerretDB's SQLite backend most queries scan
 * their whole collection and a bigger store alone would make a later row slower.
 */
async function benchNovaPulse(mongo, redis, receiver, endpoints) {
  const novapulse = await startNovaPulse({
    mongoUri: `${mongo.uri}/bench_novapulse_${endpoints}`,
    redisUrl: redis.url,
    concurrency: CONCURRENCY,
    queuePrefix: `{np-bench-${endpoints}}`,
  });
  cleanups.push(novapulse.stop, novapulse.client.close);
  const { client } = novapulse;
  const key = await client.apiKey();
  // Endpoint i subscribes to its own event type, so event `seq` goes to endpoint seq % endpoints.
  const types = Array.from({ length: endpoints }, (_, i) => `bench.endpoint_${i}`);
  for (const type of types) await client.createEndpoint(key, `${receiver.url}/novapulse/${type}`, [type]);
  const send = (run, seq) => client.publish(key, types[seq % endpoints], { run, seq });
  await measure(receiver, `novapulse ${endpoints} warm-up`, WARM_UP, send);
  const result = await measure(receiver, `novapulse ${endpoints}`, EVENTS, send);
  await novapulse.stop();
  return result;
}

async function benchBaseline(mongo, redis, receiver) {
  const queue = 'bench-webhook';
  const worker = spawnNode(
    'bench/webhook-delivery/baseline-worker.mjs',
    { REDIS_URL: redis.url, MONGO_URI: `${mongo.uri}/bench_baseline`, QUEUE: queue, CONCURRENCY: String(CONCURRENCY) },
    { ...BENCH_PROCESS, ipc: true },
  );
  cleanups.push(worker.stop);
  await waitUntil(worker, async () => worker.sent('ready'), 'the baseline worker to be ready', 30_000);
  const { hostname, port } = new URL(redis.url);
  // Completed jobs are trimmed as NovaPulse's webhook queue trims them.
  const producer = new Queue(queue, {
    connection: { host: hostname, port: Number(port) },
    defaultJobOptions: { removeOnComplete: { age: 3_600, count: 1_000 } },
  });
  cleanups.push(() => producer.close());
  const group = (size) => (run, seq) => {
    const type = `bench.endpoint_${seq % size}`;
    const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data: { run, seq } });
    return producer.add('deliver', { url: `${receiver.url}/baseline/${type}`, body });
  };
  await measure(receiver, 'baseline warm-up', WARM_UP, group(1));
  const results = [await measure(receiver, 'baseline 1', EVENTS, group(1))];
  if (ENDPOINTS > 1) results.push(await measure(receiver, `baseline ${ENDPOINTS}`, EVENTS, group(ENDPOINTS)));
  await worker.stop();
  return results;
}

function print(novapulse, baseline) {
  const columns = [
    ['deliveries/s', 13],
    ['p50 ms', 9],
    ['p99 ms', 9],
    ['send errors', 13],
    ['missing', 9],
    ['duplicates', 12],
  ];
  const line = (endpoints, pipeline, values) =>
    console.log(
      `${endpoints.padEnd(10)}${pipeline.padEnd(11)}${values.map((v, i) => String(v).padStart(columns[i][1])).join('')}`,
    );
  console.log(
    `\nWebhook delivery: ${EVENTS} events a run, ${IN_FLIGHT} sends in flight, worker concurrency ${CONCURRENCY}, one FerretDB/Redis/receiver`,
  );
  line(
    'endpoints',
    'pipeline',
    columns.map(([name]) => name),
  );
  const firstErrors = [];
  novapulse.forEach((np, i) => {
    for (const [pipeline, r] of [
      ['NovaPulse', np],
      ['baseline', baseline[i]],
    ]) {
      line(pipeline === 'NovaPulse' ? String(i === 0 ? 1 : ENDPOINTS) : '', pipeline, [
        r.perSecond.toFixed(1),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.errors.length,
        r.missing,
        r.duplicates,
      ]);
      if (r.errors.length) firstErrors.push(`${pipeline}: ${r.errors[0]}`);
    }
    const ratio = (a, b) => (a / b).toPrecision(2);
    console.log(
      `${''.padEnd(21)}NovaPulse/baseline: throughput ×${ratio(np.perSecond, baseline[i].perSecond)}, p50 ×${ratio(np.p50, baseline[i].p50)}, p99 ×${ratio(np.p99, baseline[i].p99)}`,
    );
  });
  for (const error of firstErrors) console.log(`first send error, ${error}`);
}

try {
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const mongo = await startFerretDB({ dataDir });
  cleanups.push(mongo.stop);
  const redis = await startRedis();
  cleanups.push(redis.stop);
  const receiver = await startReceiver();
  cleanups.push(receiver.close);
  const novapulse = [await benchNovaPulse(mongo, redis, receiver, 1)];
  if (ENDPOINTS > 1) novapulse.push(await benchNovaPulse(mongo, redis, receiver, ENDPOINTS));
  const baseline = await benchBaseline(mongo, redis, receiver);
  print(novapulse, baseline);
} finally {
  await cleanUp();
}
