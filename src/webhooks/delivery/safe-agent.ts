import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { isBlockedAddress, type LookupFn } from '../../common/net/ssrf.js';

/** The destination resolved to, or connected to, an address webhooks may not reach. */
export class BlockedDestinationError extends Error {
  readonly code = 'ERR_WEBHOOK_BLOCKED_DESTINATION';

  constructor(readonly address: string) {
    super(`refused to connect to ${address}: a private or reserved address`);
    this.name = 'BlockedDestinationError';
  }
}

/** Time to resolve and connect (TLS included); the sender's overall deadline still applies. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Open sockets per receiver origin; more requests to one origin wait for a free one. */
const CONNECTIONS_PER_ORIGIN = 16;

export interface SafeAgentOptions {
  allowedCidrs: readonly string[];
  lookup?: LookupFn;
}

/**
 * An undici Agent that checks addresses when it connects, not only when an endpoint is saved: a name
 * that resolved to a public address at creation can resolve to 127.0.0.1 by delivery time (DNS
 * rebinding). Names are resolved here and refused if any answer is blocked; IP literals, which Node
 * connects to without a lookup, are checked before connecting; and the socket's remote address is
 * checked once more after connecting, so the address actually used is always one that was allowed.
 */
export function createSafeAgent(options: SafeAgentOptions): Agent {
  const { allowedCidrs } = options;
  const connector = buildConnector({
    timeout: CONNECT_TIMEOUT_MS,
    lookup: guardedLookup(options.lookup ?? dnsLookup, allowedCidrs),
  });
  return new Agent({
    connections: CONNECTIONS_PER_ORIGIN,
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 60_000,
    connect(target, callback) {
      if (isIP(target.hostname) && isBlockedAddress(target.hostname, allowedCidrs)) {
        callback(new BlockedDestinationError(target.hostname), null);
        return;
      }
      connector(target, (error, socket) => {
        if (error) return callback(error, null);
        const remote = socket.remoteAddress;
        if (remote === undefined || isBlockedAddress(remote, allowedCidrs)) {
          socket.destroy();
          return callback(new BlockedDestinationError(remote ?? 'an unknown address'), null);
        }
        callback(null, socket);
      });
    },
  });
}

/** A `net.connect` lookup that refuses a name when any of its addresses is blocked. */
function guardedLookup(resolve: LookupFn, allowedCidrs: readonly string[]): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolve(hostname, { all: true }).then(
      (found) => {
        const blocked = found.find((entry) => isBlockedAddress(entry.address, allowedCidrs));
        if (blocked) return callback(new BlockedDestinationError(blocked.address), '');
        const family = familyNumber(lookupOptions.family);
        const usable = family ? found.filter((entry) => entry.family === family) : found;
        const [first] = usable;
        if (!first)
          return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (lookupOptions.all) return callback(null, usable);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function familyNumber(family: number | string | undefined): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}
