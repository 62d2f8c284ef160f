import { checkDestination, isBlockedAddress, type LookupFn } from './ssrf.js';

const noAllowlist: string[] = [];
const loopbackAllowed = ['127.0.0.0/8', '::1/128'];

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, top of 127/8'],
    ['::1', 'IPv6 loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network (0/8)'],
    ['::', 'IPv6 unspecified'],
    ['10.0.0.1', 'RFC 1918 10/8'],
    ['172.16.0.1', 'RFC 1918 172.16/12, bottom'],
    ['172.31.255.254', 'RFC 1918 172.16/12, top'],
    ['192.168.1.1', 'RFC 1918 192.168/16'],
    ['169.254.169.254', 'link-local: cloud metadata'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone index'],
    ['febf::1', 'IPv6 link-local, top of fe80::/10'],
    ['100.64.0.1', 'CGNAT 100.64/10, bottom'],
    ['100.127.255.254', 'CGNAT 100.64/10, top'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast (SSDP)'],
    ['ff02::1', 'IPv6 multicast'],
    ['192.0.0.8', 'IETF protocol assignments 192.0.0/24'],
    ['192.0.2.10', 'documentation TEST-NET-1'],
    ['198.18.0.1', 'benchmarking 198.18/15'],
    ['198.19.255.254', 'benchmarking 198.18/15, top'],
    ['198.51.100.7', 'documentation TEST-NET-2'],
    ['203.0.113.9', 'documentation TEST-NET-3'],
    ['240.0.0.1', 'reserved 240/4'],
    ['255.255.255.255', 'broadcast'],
    ['fc00::1', 'unique local fc00::/7'],
    ['fd12:3456:789a::1', 'unique local fd00::/8'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:10.0.0.1', 'IPv4-mapped RFC 1918'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::a00:1', 'IPv4-compatible 10.0.0.1'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of 169.254.169.254'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
    ['64:ff9b::c0a8:101', 'NAT64 of 192.168.1.1'],
    ['64:ff9b:1::8.8.8.8', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['not-an-ip', 'not an address at all'],
    ['', 'empty'],
  ])('blocks %s (%s)', (ip) => {
    expect(isBlockedAddress(ip, noAllowlist)).toBe(true);
  });

  it.each([
    ['8.8.8.8', 'public IPv4'],
    ['1.1.1.1', 'public IPv4'],
    ['172.32.0.1', 'just above 172.16/12'],
    ['100.128.0.1', 'just above CGNAT'],
    ['198.20.0.1', 'just above 198.18/15'],
    ['11.0.0.1', 'just above 10/8'],
    ['2606:4700:4700::1111', 'public IPv6'],
    ['2a00:1450:4001:82a::200e', 'public IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public'],
    ['64:ff9b::808:808', 'NAT64 of a public address'],
  ])('allows %s (%s)', (ip) => {
    expect(isBlockedAddress(ip, noAllowlist)).toBe(false);
  });

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])('allows allowlisted loopback %s', (ip) => {
    expect(isBlockedAddress(ip, loopbackAllowed)).toBe(false);
  });

  it('keeps blocking what the allowlist does not cover', () => {
    expect(isBlockedAddress('10.0.0.1', loopbackAllowed)).toBe(true);
    expect(isBlockedAddress('169.254.169.254', loopbackAllowed)).toBe(true);
  });

  it('accepts a bare address in the allowlist as a single host', () => {
    expect(isBlockedAddress('10.0.0.5', ['10.0.0.5'])).toBe(false);
    expect(isBlockedAddress('10.0.0.6', ['10.0.0.5'])).toBe(true);
  });
});

describe('checkDestination', () => {
  const resolvingTo =
    (...addresses: string[]): LookupFn =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const strict = { allowHttp: false, allowedCidrs: noAllowlist };

  it('accepts an https URL whose host resolves to public addresses, and returns them', async () => {
    const result = await checkDestination(new URL('https://hooks.example.com/in'), {
      ...strict,
      lookup: resolvingTo('93.184.215.14', '2606:2800:21f:cb07::1'),
    });
    expect(result).toEqual({ ok: true, addresses: ['93.184.215.14', '2606:2800:21f:cb07::1'] });
  });

  it('refuses a host name that resolves to 127.0.0.1, without saying where it resolved', async () => {
    const result = await checkDestination(new URL('https://sneaky.example.com/'), {
      ...strict,
      lookup: resolvingTo('127.0.0.1'),
    });
    expect(result).toEqual({
      ok: false,
      reason: 'The host name sneaky.example.com resolves to a private or reserved IP address.',
    });
  });

  it('refuses when any one of the resolved addresses is blocked', async () => {
    const result = await checkDestination(new URL('https://mixed.example.com/'), {
      ...strict,
      lookup: resolvingTo('93.184.215.14', '10.1.2.3'),
    });
    expect(result.ok).toBe(false);
  });

  it('refuses http unless allowHttp is set', async () => {
    const lookup = resolvingTo('93.184.215.14');
    expect(await checkDestination(new URL('http://hooks.example.com/'), { ...strict, lookup })).toEqual({
      ok: false,
      reason: 'The URL must use https.',
    });
    expect(
      await checkDestination(new URL('http://hooks.example.com/'), { ...strict, allowHttp: true, lookup }),
    ).toEqual({ ok: true, addresses: ['93.184.215.14'] });
  });

  it('refuses other schemes', async () => {
    const result = await checkDestination(new URL('ftp://hooks.example.com/'), { ...strict, allowHttp: true });
    expect(result).toEqual({ ok: false, reason: 'The URL must use https or http.' });
  });

  it('refuses credentials in the URL', async () => {
    const result = await checkDestination(new URL('https://user:pw@hooks.example.com/'), {
      ...strict,
      lookup: resolvingTo('93.184.215.14'),
    });
    expect(result).toEqual({ ok: false, reason: 'The URL must not contain a user name or password.' });
  });

  it.each([
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://[::ffff:169.254.169.254]/',
    'https://2130706433/',
    'https://0x7f.1/',
  ])('checks the IP literal in %s without resolving it', async (url) => {
    const looked: string[] = [];
    const lookup: LookupFn = async (host) => (looked.push(host), []);
    expect(await checkDestination(new URL(url), { ...strict, lookup })).toEqual({
      ok: false,
      reason: 'The URL points to a private or reserved IP address.',
    });
    expect(looked).toEqual([]);
  });

  it('accepts an allowlisted loopback literal', async () => {
    expect(
      await checkDestination(new URL('http://127.0.0.1:8080/'), { allowHttp: true, allowedCidrs: loopbackAllowed }),
    ).toEqual({ ok: true, addresses: ['127.0.0.1'] });
  });

  it('refuses a host name that does not resolve', async () => {
    const lookup: LookupFn = async () =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    expect(await checkDestination(new URL('https://nowhere.invalid/'), { ...strict, lookup })).toEqual({
      ok: false,
      reason: 'The host name nowhere.invalid could not be resolved.',
    });
  });
});
