// Webhook deliveries: NovaPulse (POST /api/v1/events to the built API, its webhook worker delivering
// signed requests through the Mongo outbox) against two baselines on the same kind of store, Redis and
// receiver: a minimal durable one (a hand-written outbox: event and message inserted, queued by id; the
// worker reads the message, POSTs, inserts the attempt, settles with one guarded update) and a simple one
// (a job carrying the whole delivery; the worker POSTs and inserts one document). Each row reports
// deliveries/s, send→receipt p50/p99, Mongo commands per event (counted on the wire), Redis commands per
// event (INFO commandstats), CPU ms per event and peak RSS of each process (from /proc). Rounds run
// interleaved (A, B, C, A, B, C…), each row on a fresh store, and the medians are printed.
// Run `npm run build` first.
//   --sqlite     FerretDB's SQLite backend instead of PostgreSQL (postgres@127.0.0.1:5432, or BENCH_POSTGRESQL_URL)
//   --open-loop  also publish at a fixed rate (BENCH_RATE, default half NovaPulse's median throughput)
// Env: BENCH_EVENTS, BENCH_ROUNDS, BENCH_IN_FLIGHT, BENCH_CONCURRENCY, BENCH_ENDPOINTS, BENCH_RATE.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sendAll, sendAtRate, summarize } from './webhook-delivery/load.mjs';
import { durableBaseline, novapulse, simpleBaseline } from './webhook-delivery/pipelines.mjs';
import { cpuMs, peakRssMb, redisCommands } from './webhook-delivery/process-stats.mjs';
import { startReceiver } from './webhook-delivery/receiver.mjs';
import { printTable } from './webhook-delivery/report.mjs';
import { openStore } from './webhook-delivery/stores.mjs';

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
};
const EVENTS = positive('BENCH_EVENTS', 500);
const ROUNDS = positive('BENCH_ROUNDS', 3);
const IN_FLIGHT = positive('BENCH_IN_FLIGHT', 32);
const CONCURRENCY = positive('BENCH_CONCURRENCY', 16);
const ENDPOINTS = positive('BENCH_ENDPOINTS', 1);
const BACKEND = process.argv.includes('--sqlite') ? 'sqlite' : 'postgresql';
const OPEN_LOOP = process.argv.includes('--open-loop');
const WARM_UP = Math.min(50, EVENTS);
// A run ends when every delivery has arrived, or when none has arrived for this long.
const IDLE_MS = 30_000;

const PIPELINES = [
  ['NovaPulse', novapulse],
  ['durable baseline', durableBaseline],
  ['simple baseline', simpleBaseline],
];

/** What to stop: the receiver, and the row now running (its pipeline, then its store). */
const cleanups = [];
const rowCleanups = [];
const cleanUp = async (list) => {
  for (const cleanup of list.splice(0).reverse())
    await cleanup().catch((error) => console.error(`clean-up: ${error.message}`));
};
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
])
  process.once(signal, () => void cleanUp([...cleanups, ...rowCleanups]).finally(() => process.exit(code)));

/**
 * One row: a fresh store, the pipeline started on it, a warm-up, then the measured run with every
 * counter read just before and just after it.
 */
async function row(receiver, name, start, round, load) {
  const tag = `${name} ${round} ${load.label}`;
  const store = await openStore(
    BACKEND,
    `bench_${process.pid}_${round}_${name.split(' ')[0].toLowerCase()}_${load.label}`,
  );
  rowCleanups.push(store.stop);
  try {
    const pipeline = await start(store, { concurrency: CONCURRENCY, endpoints: ENDPOINTS, receiverUrl: receiver.url });
    rowCleanups.push(pipeline.stop);
    const warm = receiver.expect(`${tag} warm-up`, WARM_UP);
    await sendAll(WARM_UP, IN_FLIGHT, (seq) => pipeline.send(`${tag} warm-up`, seq));
    await warm.settled(IDLE_MS);

    const pids = Object.entries(pipeline.pids);
    const cpuBefore = Object.fromEntries(pids.map(([role, pid]) => [role, cpuMs(pid)]));
    store.counter.reset();
    await store.redis.config('RESETSTAT');
    const expected = receiver.expect(tag, EVENTS);
    const sent = await load.send(EVENTS, (seq) => pipeline.send(tag, seq));
    await expected.settled(IDLE_MS);
    const finishedAt = performance.now();

    const summary = summarize(sent.startedAt, expected.receivedAt);
    const delivered = EVENTS - summary.missing;
    const mongo = store.counter.counts();
    const redis = await redisCommands(store.redis);
    const perEvent = (counts) => Object.fromEntries([...counts].map(([command, n]) => [command, n / delivered]));
    const total = (counts) => [...counts.values()].reduce((a, b) => a + b, 0) / delivered;
    return {
      ...summary,
      duplicates: expected.duplicates(),
      errors: sent.errors,
      mongoPerEvent: total(mongo),
      mongoByCommand: perEvent(mongo),
      redisPerEvent: total(redis),
      redisByCommand: perEvent(redis),
      cpuPerEvent: Object.fromEntries(pids.map(([role, pid]) => [role, (cpuMs(pid) - cpuBefore[role]) / delivered])),
      peakRss: Object.fromEntries(pids.map(([role, pid]) => [role, peakRssMb(pid)])),
      seconds: (finishedAt - sent.startedAt[0]) / 1000,
    };
  } finally {
    await cleanUp(rowCleanups);
  }
}

async function rounds(receiver, load) {
  /** @type {Record<string, object[]>} */
  const results = Object.fromEntries(PIPELINES.map(([name]) => [name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, start] of PIPELINES) {
      const result = await row(receiver, name, start, round, load);
      console.error(`round ${round} ${load.label} ${name}: ${result.perSecond.toFixed(1)} deliveries/s`);
      results[name].push(result);
    }
  }
  return results;
}

const uptime = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`;

try {
  const receiver = await startReceiver();
  cleanups.push(receiver.close);
  const header = `${EVENTS} events a run, ${ROUNDS} interleaved rounds, FerretDB on ${BACKEND}, worker concurrency ${CONCURRENCY}, ${ENDPOINTS} endpoint(s)`;
  console.log(`before: ${uptime()}`);
  const closed = await rounds(receiver, {
    label: 'closed',
    send: (count, send) => sendAll(count, IN_FLIGHT, send),
  });
  printTable(`Closed loop (${IN_FLIGHT} sends in flight): ${header}`, closed);
  if (OPEN_LOOP) {
    const max = closed.NovaPulse.map((r) => r.perSecond).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
    const rate = Number(process.env.BENCH_RATE ?? Math.max(1, Math.round(max / 2)));
    const open = await rounds(receiver, { label: 'open', send: (count, send) => sendAtRate(count, rate, send) });
    printTable(`Open loop at ${rate} events/s (latency from when each send was due): ${header}`, open);
  }
  console.log(`after: ${uptime()}`);
} finally {
  await cleanUp(cleanups);
}
