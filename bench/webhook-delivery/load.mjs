// Sending a run with a bounded number of sends in flight, and summing up what the receiver saw.
import { performance } from 'node:perf_hooks';

/**
 * Calls send(seq) for seq = 0..count-1, at most `inFlight` at a time, noting when each call started.
 * A failed send is counted, not retried: what it stored before failing may still be delivered.
 * @param {number} count @param {number} inFlight @param {(seq: number) => Promise<unknown>} send
 */
export async function sendAll(count, inFlight, send) {
  const startedAt = new Float64Array(count);
  const errors = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const seq = next++;
      startedAt[seq] = performance.now();
      await send(seq).catch((error) => errors.push(error.message));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  return { startedAt, errors };
}

/**
 * Throughput from the first send to the last receipt, and send→receipt latency percentiles, over the
 * deliveries that arrived (a receipt time of 0 means none did).
 * @param {Float64Array} startedAt @param {Float64Array} receivedAt
 */
export function summarize(startedAt, receivedAt) {
  const arrived = [...receivedAt.keys()].filter((seq) => receivedAt[seq] > 0);
  const latencies = Float64Array.from(arrived, (seq) => receivedAt[seq] - startedAt[seq]).sort();
  const first = Math.min(...startedAt);
  const last = Math.max(...receivedAt);
  const percentile = (p) =>
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return {
    perSecond: (arrived.length * 1000) / (last - first),
    p50: percentile(50),
    p99: percentile(99),
    missing: receivedAt.length - arrived.length,
  };
}

/**
 * Open loop: send(seq) starts at a fixed rate whatever the answers take, and latency counts from when
 * each send was due, so a stall cannot hide the sends it held back.
 * @param {number} count @param {number} perSecond @param {(seq: number) => Promise<unknown>} send
 */
export async function sendAtRate(count, perSecond, send) {
  const startedAt = new Float64Array(count);
  const errors = [];
  const sends = [];
  const start = performance.now();
  for (let seq = 0; seq < count; seq++) {
    const due = start + (seq * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    startedAt[seq] = due;
    sends.push(send(seq).catch((error) => errors.push(error.message)));
  }
  await Promise.all(sends);
  return { startedAt, errors };
}
