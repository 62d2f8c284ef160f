import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { withinMs } from '../within-ms.js';

/** `dns.promises.lookup(host, { all: true })`, injectable so tests can make any name resolve anywhere. */
export type LookupFn = (hostname: string, options: { all: true }) => Promise<{ address: string; family: number }[]>;

export type DestinationCheck = { ok: true; addresses: string[] } | { ok: false; reason: string };

export interface DestinationOptions {
  allowHttp: boolean;
  allowedCidrs: readonly string[];
  lookup?: LookupFn;
}

/** Loopback, private, link-local, shared, multicast and reserved IPv4 space: nothing a public receiver lives in. */
const BLOCKED_IPV4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4], // includes the broadcast address 255.255.255.255
];

/**
 * IPv6 forms that carry an IPv4 address in their last 32 bits. Each blocked IPv4 range is blocked in
 * every one of them, so `::ffff:127.0.0.1` or a NAT64 `64:ff9b::a9fe:a9fe` cannot reach what the plain
 * address may not.
 */
const IPV4_EMBEDDINGS = ['::ffff:', '::', '64:ff9b::'];

const BLOCKED_IPV6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64: the gateway is inside someone's network
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo, which tunnels to an IPv4 address
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which tunnels to an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

const blocked = buildBlockedList();

function buildBlockedList(): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of BLOCKED_IPV4) {
    list.addSubnet(address, prefix, 'ipv4');
    for (const embedding of IPV4_EMBEDDINGS) list.addSubnet(embedding + address, 96 + prefix, 'ipv6');
  }
  for (const [address, prefix] of BLOCKED_IPV6) list.addSubnet(address, prefix, 'ipv6');
  return list;
}

/** The same configuration array is passed on every connect; parse it once. */
const allowListCache = new WeakMap<readonly string[], BlockList>();

function allowListFor(cidrs: readonly string[]): BlockList {
  let list = allowListCache.get(cidrs);
  if (!list) {
    list = new BlockList();
    for (const cidr of cidrs) {
      const [address = '', prefix] = cidr.trim().split('/');
      const family = isIP(address);
      if (family === 0) throw new Error(`allowed CIDR ${cidr} is not an IP range`);
      list.addSubnet(
        address,
        prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix),
        family === 4 ? 'ipv4' : 'ipv6',
      );
    }
    allowListCache.set(cidrs, list);
  }
  return list;
}

/** Whether webhooks may not be sent to `ip`. Anything that is not an IP address is refused. */
export function isBlockedAddress(ip: string, allowedCidrs: readonly string[]): boolean {
  // BlockList ignores a zone index (`fe80::1%eth0`) by not matching at all, so drop it first.
  const address = ip.split('%', 1)[0] ?? '';
  const family = isIP(address);
  if (family === 0) return true;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allowListFor(allowedCidrs).check(address, type)) return false;
  return blocked.check(address, type);
}

/** Bounds the wait on the system resolver, which has no timeout of its own. */
const LOOKUP_TIMEOUT_MS = 5_000;

/**
 * Whether a webhook URL may be used: its scheme, the absence of credentials and every address its host
 * resolves to. The reason is a sentence for API clients; it never reveals what a name resolved to, so
 * the check cannot be used to map internal DNS.
 */
export async function checkDestination(url: URL, options: DestinationOptions): Promise<DestinationCheck> {
  const schemes = options.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    return refuse(options.allowHttp ? 'The URL must use https or http.' : 'The URL must use https.');
  }
  if (url.username || url.password) return refuse('The URL must not contain a user name or password.');

  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) {
    return isBlockedAddress(host, options.allowedCidrs)
      ? refuse('The URL points to a private or reserved IP address.')
      : { ok: true, addresses: [host] };
  }
  const addresses = await resolve(host, options.lookup ?? dnsLookup);
  if (addresses.length === 0) return refuse(`The host name ${host} could not be resolved.`);
  if (addresses.some((address) => isBlockedAddress(address, options.allowedCidrs))) {
    return refuse(`The host name ${host} resolves to a private or reserved IP address.`);
  }
  return { ok: true, addresses };
}

function refuse(reason: string): DestinationCheck {
  return { ok: false, reason };
}

async function resolve(host: string, lookup: LookupFn): Promise<string[]> {
  try {
    return (await withinMs(lookup(host, { all: true }), LOOKUP_TIMEOUT_MS, 'DNS')).map((entry) => entry.address);
  } catch {
    return [];
  }
}
