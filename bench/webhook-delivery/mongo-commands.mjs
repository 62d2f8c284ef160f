// Counts the Mongo commands a pipeline sends, from outside its processes: a TCP proxy in front of the
// store that reads the command name (the first field of an OP_MSG body) of every client message.
import { connect, createServer } from 'node:net';

const OP_MSG = 2013;
/** Connection upkeep every driver sends on its own schedule: not work done for an event. */
const UPKEEP = new Set(['hello', 'ismaster', 'ping', 'buildinfo', 'endsessions', 'saslstart', 'saslcontinue']);

/**
 * @param {number} storePort where the store listens
 * @returns {Promise<{ uri: string, reset: () => void, counts: () => Map<string, number>, close: () => Promise<void> }>}
 */
export async function startCommandCounter(storePort) {
  /** @type {Map<string, number>} */
  let counts = new Map();
  const sockets = new Set();
  const server = createServer((client) => {
    const store = connect({ host: '127.0.0.1', port: storePort });
    for (const socket of [client, store]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        store.destroy();
      });
    }
    store.pipe(client);
    let pending = Buffer.alloc(0);
    client.on('data', (chunk) => {
      store.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
        const length = pending.readInt32LE(0);
        if (pending.readInt32LE(12) === OP_MSG) {
          const name = commandName(pending.subarray(0, length));
          if (name && !UPKEEP.has(name.toLowerCase())) counts.set(name, (counts.get(name) ?? 0) + 1);
        }
        pending = pending.subarray(length);
      }
    });
    client.once('end', () => store.end());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    uri: `mongodb://127.0.0.1:${port}`,
    reset: () => (counts = new Map()),
    counts: () => counts,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The body section (kind 0) comes first; its document's first element names the command. */
function commandName(message) {
  // header 16 bytes, flagBits 4, section kind 1, document length 4, element type 1, then the name.
  const start = 16 + 4 + 1 + 4 + 1;
  if (message[20] !== 0 || message.length <= start) return null;
  const end = message.indexOf(0, start);
  return end > start ? message.toString('latin1', start, end) : null;
}
