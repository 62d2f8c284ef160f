// The webhook receiver both pipelines post to: it answers 204 as soon as the body is in and notes,
// per run and sequence number (`data.run`, `data.seq` in the JSON body), when the delivery arrived.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

export async function startReceiver() {
  /** @type {Map<string, { receivedAt: Float64Array, remaining: number, duplicates: number, lastAt: number, settle: () => void }>} */
  const runs = new Map();

  const server = createServer((request, response) => {
    const arrivedAt = performance.now();
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(204).end();
      const { run, seq } = JSON.parse(Buffer.concat(chunks).toString('utf8')).data ?? {};
      const state = runs.get(run);
      if (!state || !(seq >= 0 && seq < state.receivedAt.length)) return;
      if (state.receivedAt[seq] !== 0) return void state.duplicates++;
      state.receivedAt[seq] = state.lastAt = arrivedAt;
      if (--state.remaining === 0) state.settle();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

  return {
    url: `http://127.0.0.1:${port}`,
    /**
     * Registers a run before any of it is sent. `settled(idleMs)`, called once everything is sent,
     * resolves when every sequence number has arrived, or when none has for `idleMs` (what is missing
     * then stays 0 in `receivedAt`).
     * @param {string} run @param {number} count
     */
    expect(run, count) {
      const state = {
        receivedAt: new Float64Array(count),
        remaining: count,
        duplicates: 0,
        lastAt: 0,
        settle: () => {},
      };
      const done = new Promise((resolve) => (state.settle = resolve));
      runs.set(run, state);
      const settled = async (idleMs) => {
        state.lastAt = Math.max(state.lastAt, performance.now());
        const watch = setInterval(() => performance.now() - state.lastAt > idleMs && state.settle(), 1_000);
        await done;
        clearInterval(watch);
      };
      return { receivedAt: state.receivedAt, duplicates: () => state.duplicates, settled };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
