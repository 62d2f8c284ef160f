// The three pipelines the bench compares, each started on a fresh store: NovaPulse, the minimal durable
// baseline (a hand-written outbox doing the same durable steps) and the simple baseline (a job carrying
// the whole delivery, nothing stored before it is queued). Each returns how to publish one event and
// the process ids whose CPU and memory count.
import { Queue } from 'bullmq';
import { Agent, request } from 'undici';
import { spawnNode, waitUntil } from '../../scripts/lib/processes.mjs';
import { freePort } from '../../scripts/lib/services.mjs';
import { BENCH_PROCESS, startNovaPulse } from './novapulse.mjs';

/**
 * @typedef {{ mongoUri: string, redisUrl: string }} Store
 * @typedef {{ concurrency: number, endpoints: number, receiverUrl: string }} Settings
 * @typedef {{ send: (run: string, seq: number) => Promise<unknown>, pids: { api?: number, worker: number }, stop: () => Promise<unknown> }} Running
 */

const endpointType = (endpoints, seq) => `bench.endpoint_${seq % endpoints}`;

/** @param {Store} store @param {Settings} settings @returns {Promise<Running>} */
export async function novapulse(store, { concurrency, endpoints, receiverUrl }) {
  const started = await startNovaPulse({ ...store, concurrency, queuePrefix: '{np-bench}' });
  const { client } = started;
  const stop = async () => {
    await started.stop();
    await client.close();
  };
  try {
    const key = await client.apiKey();
    // Endpoint i subscribes to its own event type, so event `seq` goes to endpoint seq % endpoints.
    for (let i = 0; i < endpoints; i++) {
      const type = endpointType(endpoints, i);
      await client.createEndpoint(key, `${receiverUrl}/novapulse/${type}`, [type]);
    }
    const send = (run, seq) => client.publish(key, endpointType(endpoints, seq), { run, seq });
    return { send, pids: started.pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** @param {Store} store @param {Settings} settings @returns {Promise<Running>} */
export async function durableBaseline(store, { concurrency, endpoints, receiverUrl }) {
  const queue = 'bench-durable';
  const env = { REDIS_URL: store.redisUrl, MONGO_URI: store.mongoUri, QUEUE: queue };
  const port = await freePort();
  const api = spawnNode(
    'bench/webhook-delivery/durable-publisher.mjs',
    { ...env, PORT: String(port), ENDPOINTS_URL: `${receiverUrl}/durable` },
    { ...BENCH_PROCESS, ipc: true },
  );
  const worker = spawnNode(
    'bench/webhook-delivery/durable-worker.mjs',
    { ...env, CONCURRENCY: String(concurrency) },
    { ...BENCH_PROCESS, ipc: true },
  );
  const dispatcher = new Agent({ connections: 64 });
  const stop = () => Promise.all([api.stop(), worker.stop(), dispatcher.close()]);
  try {
    for (const running of [api, worker])
      await waitUntil(running, async () => running.sent('ready'), 'the durable baseline to be ready', 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const send = async (run, seq) => {
    const response = await request(`http://127.0.0.1:${port}/events`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: endpointType(endpoints, seq), payload: { run, seq } }),
    });
    const text = await response.body.text();
    if (response.statusCode !== 202) throw new Error(`durable baseline answered ${response.statusCode}: ${text}`);
  };
  return { send, pids: { api: api.child.pid, worker: worker.child.pid }, stop };
}

/**
 * The bench itself adds the jobs (no API process); its worker POSTs and inserts one attempt document.
 * @param {Store} store @param {Settings} settings @returns {Promise<Running>}
 */
export async function simpleBaseline(store, { concurrency, endpoints, receiverUrl }) {
  const queue = 'bench-webhook';
  const worker = spawnNode(
    'bench/webhook-delivery/baseline-worker.mjs',
    { REDIS_URL: store.redisUrl, MONGO_URI: store.mongoUri, QUEUE: queue, CONCURRENCY: String(concurrency) },
    { ...BENCH_PROCESS, ipc: true },
  );
  const { hostname, port } = new URL(store.redisUrl);
  // Completed jobs are trimmed as NovaPulse's webhook queue trims them.
  const producer = new Queue(queue, {
    connection: { host: hostname, port: Number(port) },
    defaultJobOptions: { removeOnComplete: { age: 3_600, count: 1_000 } },
  });
  const stop = () => Promise.all([worker.stop(), producer.close()]);
  try {
    await waitUntil(worker, async () => worker.sent('ready'), 'the simple baseline worker to be ready', 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const send = (run, seq) => {
    const type = endpointType(endpoints, seq);
    const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data: { run, seq } });
    return producer.add('deliver', { url: `${receiverUrl}/baseline/${type}`, body });
  };
  return { send, pids: { worker: worker.child.pid }, stop };
}
