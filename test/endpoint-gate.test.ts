import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { validEnv } from '../src/config/config.fixture.js';
import { loadConfig } from '../src/config/config.js';
import { type Admission, EndpointGate, gateKeys } from '../src/webhooks/delivery/endpoint-gate.js';

const config = loadConfig({
  ...validEnv,
  WEBHOOK_ENDPOINT_CONCURRENCY: '3',
  WEBHOOK_BREAKER_FAILURES: '3',
  WEBHOOK_BREAKER_OPEN_MS: '300',
  WEBHOOK_TIMEOUT_MS: '1000',
});
const newEndpoint = (rateLimitPerSecond: number | null = null) => ({
  id: randomBytes(12).toString('hex'),
  rateLimitPerSecond,
});
const admitted = (admission: Admission): string => {
  if (!admission.admitted) throw new Error(`expected admission, got ${admission.reason}`);
  return admission.lease;
};

describe('the per-endpoint gate (real Redis)', () => {
  let redis: Redis;
  let gate: EndpointGate;

  beforeAll(() => {
    redis = new Redis(process.env.TEST_REDIS_URL!);
    gate = new EndpointGate(redis, config);
  });
  afterAll(() => redis.quit());

  it('admits at most WEBHOOK_ENDPOINT_CONCURRENCY deliveries to one endpoint at once, across gates', async () => {
    const endpoint = newEndpoint();
    const otherClient = redis.duplicate();
    const otherProcess = new EndpointGate(otherClient, config);
    const first = await Promise.all([
      gate.acquire(endpoint),
      otherProcess.acquire(endpoint),
      gate.acquire(endpoint),
      otherProcess.acquire(endpoint),
    ]);
    expect(first.filter((a) => a.admitted)).toHaveLength(3);
    expect(first.find((a) => !a.admitted)).toMatchObject({ reason: 'busy', waitMs: expect.any(Number) });
    expect(await gate.acquire(newEndpoint())).toMatchObject({ admitted: true });

    await gate.release(endpoint.id, admitted(first.find((a) => a.admitted)!), 'up', 10);
    expect(await gate.acquire(endpoint)).toMatchObject({ admitted: true });
    await otherClient.quit();
  });

  it('frees the slots of deliveries whose worker died once their leases run out', async () => {
    const endpoint = newEndpoint();
    for (let i = 0; i < 3; i++) admitted(await gate.acquire(endpoint));
    expect(await gate.acquire(endpoint)).toMatchObject({ admitted: false, reason: 'busy' });
    // Nobody releases them; a lease lasts the attempt timeout plus 5 s, here wound back to have run out.
    const { gate: key } = gateKeys(endpoint.id);
    const leases = (await redis.hkeys(key)).filter((field) => field.startsWith('lease:'));
    expect(leases).toHaveLength(3);
    await redis.hset(key, ...leases.flatMap((lease) => [lease, String(Date.now() - 1_000)]));
    expect(await gate.acquire(endpoint)).toMatchObject({ admitted: true });
    // The lapsed leases were dropped as the admission saw them: the new one alone is left.
    expect((await redis.hkeys(key)).filter((field) => field.startsWith('lease:'))).toHaveLength(1);
  });

  it("keeps an endpoint's own sends-per-second limit and says how long to wait", async () => {
    const endpoint = newEndpoint(2);
    for (let i = 0; i < 2; i++) await gate.release(endpoint.id, admitted(await gate.acquire(endpoint)), 'up', 1);
    const limited = await gate.acquire(endpoint);
    expect(limited).toMatchObject({ admitted: false, reason: 'rate_limited' });
    expect(!limited.admitted && limited.waitMs).toBeGreaterThan(0);
    expect(!limited.admitted && limited.waitMs).toBeLessThanOrEqual(1_250);
    await sleep(!limited.admitted ? limited.waitMs : 0);
    expect(await gate.acquire(endpoint)).toMatchObject({ admitted: true });
  });

  it('opens the breaker after WEBHOOK_BREAKER_FAILURES failures in a row, then lets one probe through', async () => {
    const endpoint = newEndpoint();
    for (let i = 0; i < 3; i++) await gate.release(endpoint.id, admitted(await gate.acquire(endpoint)), 'down', 5);
    const open = await gate.acquire(endpoint);
    expect(open).toMatchObject({ admitted: false, reason: 'circuit_open' });
    expect(!open.admitted && open.waitMs).toBeLessThanOrEqual(300 + 200);
    expect(await gate.acquire(endpoint, { skipBreaker: true })).toMatchObject({ admitted: true });

    await sleep(350);
    const probe = admitted(await gate.acquire(endpoint));
    expect(await gate.acquire(endpoint)).toMatchObject({ admitted: false, reason: 'circuit_open' });

    // The probe fails: open again, for twice as long.
    await gate.release(endpoint.id, probe, 'down', 5);
    await sleep(350);
    expect(await gate.acquire(endpoint)).toMatchObject({ admitted: false, reason: 'circuit_open' });
    await sleep(300);
    const secondProbe = admitted(await gate.acquire(endpoint));

    // It succeeds: closed, everything flows again.
    await gate.release(endpoint.id, secondProbe, 'up', 5);
    const after = await Promise.all([gate.acquire(endpoint), gate.acquire(endpoint)]);
    expect(after.every((a) => a.admitted)).toBe(true);
  });

  it('keeps the gate for days, setting its TTL once a day rather than at every admission', async () => {
    const endpoint = newEndpoint();
    const { gate: key } = gateKeys(endpoint.id);
    await gate.release(endpoint.id, admitted(await gate.acquire(endpoint)), 'down', 5);
    expect(await redis.pttl(key)).toBeGreaterThan(6 * 24 * 3_600_000);
    await redis.pexpire(key, 60_000);
    admitted(await gate.acquire(endpoint));
    expect(await redis.pttl(key)).toBeLessThanOrEqual(60_000);
    await redis.hset(key, 'refreshedAt', String(Date.now() - 25 * 3_600_000));
    admitted(await gate.acquire(endpoint));
    expect(await redis.pttl(key)).toBeGreaterThan(6 * 24 * 3_600_000);
  });

  it('resets the failure count when the receiver answers in between', async () => {
    const endpoint = newEndpoint();
    for (const health of ['down', 'down', 'up', 'down', 'down'] as const)
      await gate.release(endpoint.id, admitted(await gate.acquire(endpoint)), health, 5);
    expect(await gate.acquire(endpoint)).toMatchObject({ admitted: true });
  });

  it('goes ahead ungated when Redis does not answer', async () => {
    const dead = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const ungated = new EndpointGate(dead, config);
    expect(await ungated.acquire(newEndpoint())).toMatchObject({ admitted: true });
    dead.disconnect();
  });
});
