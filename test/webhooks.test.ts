import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { systemClock } from '../src/common/clock.js';
import { SecretBox } from '../src/common/crypto/secret-box.js';
import { REDIS } from '../src/redis/redis.module.js';
import { DeliveryEndpoints } from '../src/webhooks/delivery/delivery-endpoints.js';
import { SubscriptionsCache } from '../src/webhooks/endpoints/subscriptions.cache.js';
import { WebhookEndpointsRepository } from '../src/webhooks/endpoints/webhook-endpoints.repository.js';
import { signUp, type TestAccount } from './support/accounts.js';
import { startApi, type TestApi, type TestResponse } from './support/api.js';
import { sample } from './support/prometheus.js';
import { isolatedEnv } from './support/test-env.js';

const SECRET = /whsec_/;
const ENDPOINT_FIELDS = [
  'createdAt',
  'description',
  'disabledReason',
  'enabled',
  'eventTypes',
  'failingSince',
  'headers',
  'id',
  'metadata',
  'rateLimitPerSecond',
  'updatedAt',
  'url',
];

describe('webhook endpoints over HTTP (FerretDB, Redis)', () => {
  let api: TestApi;
  let db: mongoose.Connection;
  /** The delivery worker's side of endpoints, over the API's own store and cache. */
  let service: DeliveryEndpoints;
  let cache: SubscriptionsCache;
  /** Every answer except those meant to carry a secret (creation, rotation). */
  const responses: string[] = [];
  const secrets: string[] = [];
  let alice: TestAccount; // owner of org A
  let bob: TestAccount; // member (not admin) of org A
  let mallory: TestAccount; // owner of org B only

  const call = async (
    method: string,
    path: string,
    token: string,
    options: { org?: string | null; body?: unknown } = {},
  ): Promise<TestResponse> => {
    const headers: Record<string, string> = options.org ? { 'x-org-id': options.org } : {};
    const response = await api.request(method, path, { token, body: options.body, headers });
    if (!SECRET.test(response.text)) responses.push(response.text);
    return response;
  };
  const asAlice = (method: string, path: string, body?: unknown) =>
    call(method, path, alice.accessToken, { org: alice.orgId, body });
  const create = async (body: Record<string, unknown> = {}) => {
    const created = await asAlice('POST', '/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['user.created'],
      ...body,
    });
    expect(created.status).toBe(201);
    secrets.push(created.body.secret);
    return created.body as { id: string; secret: string } & Record<string, unknown>;
  };
  const cacheLookups = async (result: 'hit' | 'miss') => {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    return sample(text, `novapulse_webhook_subscription_cache_lookups_total{result="${result}"}`, 0);
  };

  beforeAll(async () => {
    const env = isolatedEnv({ RATE_LIMIT_PER_MINUTE: '10000' });
    api = await startApi(env);
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    cache = api.app.get(SubscriptionsCache, { strict: false });
    const get = <T>(type: new (...args: never[]) => T) => api.app.get(type, { strict: false });
    service = new DeliveryEndpoints(get(WebhookEndpointsRepository), cache, get(SecretBox), systemClock);
    [alice, bob, mallory] = await Promise.all([signUp(api, 'Alice'), signUp(api, 'Bob'), signUp(api, 'Mallory')]);
    const invited = await asAlice('POST', `/orgs/${alice.orgId}/invitations`, { email: bob.email, role: 'member' });
    const mail = await db.collection('email_messages').findOne({ dedupeKey: `invitation:${invited.body.id}` });
    const token = new URL(mail!.variables.acceptUrl).searchParams.get('token')!;
    expect((await call('POST', '/invitations/accept', bob.accessToken, { body: { token } })).status).toBe(200);
  });

  afterAll(async () => {
    await api?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  it('creates an endpoint and shows its secret once; reads, lists, changes and deletes it', async () => {
    const created = await create({
      description: 'CRM',
      headers: { 'X-Team': 'crm' },
      metadata: { owner: 'ops' },
      rateLimitPerSecond: 10,
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      url: 'http://127.0.0.1:9/hook',
      description: 'CRM',
      eventTypes: ['user.created'],
      enabled: true,
      disabledReason: null,
      failingSince: null,
      headers: { 'x-team': 'crm' },
      rateLimitPerSecond: 10,
      metadata: { owner: 'ops' },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);

    const { secret: _secret, ...view } = created;
    const one = await asAlice('GET', `/webhooks/${created.id}`);
    expect([one.status, one.body]).toEqual([200, view]);
    const listed = await asAlice('GET', '/webhooks');
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((e: { id: string }) => e.id === created.id)).toEqual(view);

    const changed = await asAlice('PATCH', `/webhooks/${created.id}`, {
      description: 'CRM v2',
      eventTypes: ['*'],
      rateLimitPerSecond: null,
      headers: {},
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      description: 'CRM v2',
      eventTypes: ['*'],
      rateLimitPerSecond: null,
      headers: {},
      metadata: { owner: 'ops' },
    });
    expect(Object.keys(changed.body).sort()).toEqual(ENDPOINT_FIELDS);

    expect((await asAlice('DELETE', `/webhooks/${created.id}`)).status).toBe(204);
    expect((await asAlice('GET', `/webhooks/${created.id}`)).status).toBe(404);
    expect((await asAlice('DELETE', `/webhooks/${created.id}`)).status).toBe(404);
  });

  it('stores the secret sealed, under a context that ties it to its endpoint', async () => {
    const first = await create();
    const second = await create();
    const stored = await db.collection('webhook_endpoints').findOne({ _id: new mongoose.Types.ObjectId(first.id) });
    expect(JSON.stringify(stored)).not.toContain(first.secret);
    expect(JSON.stringify(stored)).not.toContain(first.secret.slice('whsec_'.length));
    expect(stored!.secrets).toEqual([
      {
        sealed: { keyId: 't1', iv: expect.any(String), ciphertext: expect.any(String), tag: expect.any(String) },
        createdAt: expect.any(Date),
        expiresAt: null,
      },
    ]);
    expect((await service.forDelivery(alice.orgId, first.id))!.signingSecrets).toEqual([first.secret]);

    // A sealed secret copied onto another endpoint does not open there.
    await db
      .collection('webhook_endpoints')
      .updateOne({ _id: new mongoose.Types.ObjectId(second.id) }, { $set: { secrets: stored!.secrets } });
    await expect(service.forDelivery(alice.orgId, second.id)).rejects.toThrow(/failed authentication/);
    await db.collection('webhook_endpoints').deleteOne({ _id: new mongoose.Types.ObjectId(second.id) });
  });

  it('rotates the secret: the new one is shown once, the old one keeps signing for 24 hours', async () => {
    const created = await create();
    const rotated = await asAlice('POST', `/webhooks/${created.id}/secret/rotate`);
    expect(rotated.status).toBe(200);
    secrets.push(rotated.body.secret);
    expect(rotated.body).toMatchObject({ id: created.id, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.body.secret).not.toBe(created.secret);

    const delivery = await service.forDelivery(alice.orgId, created.id);
    expect(delivery).toEqual({
      id: created.id,
      orgId: alice.orgId,
      url: 'http://127.0.0.1:9/hook',
      enabled: true,
      disabledReason: null,
      headers: {},
      rateLimitPerSecond: null,
      failingSince: null,
      signingSecrets: [rotated.body.secret, created.secret],
    });
    const stored = await db.collection('webhook_endpoints').findOne({ _id: new mongoose.Types.ObjectId(created.id) });
    const graceMs = stored!.secrets[1].expiresAt.getTime() - Date.now();
    expect(graceMs).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(graceMs).toBeLessThanOrEqual(24 * 3_600_000);

    const one = await asAlice('GET', `/webhooks/${created.id}`);
    expect(one.text).not.toMatch(/whsec_|secret|sealed|ciphertext/);
  });

  it('disables by hand, by the worker, and enables again forgetting the failures', async () => {
    const created = await create();
    const manual = await asAlice('PATCH', `/webhooks/${created.id}`, { enabled: false });
    expect(manual.body).toMatchObject({ enabled: false, disabledReason: 'manual' });
    expect((await asAlice('PATCH', `/webhooks/${created.id}`, { enabled: true })).status).toBe(400);

    const enabled = await asAlice('POST', `/webhooks/${created.id}/enable`);
    expect([enabled.status, enabled.body.enabled, enabled.body.disabledReason]).toEqual([200, true, null]);

    const since = new Date(Date.now() - 60_000);
    expect(await service.recordFailure(alice.orgId, created.id, since)).toEqual({ failingSince: since });
    expect(await service.recordFailure(alice.orgId, created.id, new Date())).toEqual({ failingSince: since });
    expect(await service.disable(alice.orgId, created.id, 'failing')).toBe(true);
    expect(await service.disable(alice.orgId, created.id, 'gone')).toBe(false);
    expect((await asAlice('GET', `/webhooks/${created.id}`)).body).toMatchObject({
      enabled: false,
      disabledReason: 'failing',
      failingSince: since.toISOString(),
    });
    // Disabling by hand keeps the reason it was disabled for.
    expect((await asAlice('PATCH', `/webhooks/${created.id}`, { enabled: false })).body.disabledReason).toBe('failing');

    const again = await asAlice('POST', `/webhooks/${created.id}/enable`);
    expect(again.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    await service.recordFailure(alice.orgId, created.id, new Date());
    await service.recordSuccess(alice.orgId, created.id);
    expect((await asAlice('GET', `/webhooks/${created.id}`)).body.failingSince).toBeNull();
  });

  it('pages through endpoints newest first', async () => {
    const ids = [(await create()).id, (await create()).id, (await create()).id];
    const first = await asAlice('GET', '/webhooks?limit=2');
    expect(first.body.items.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[1]]);
    const second = await asAlice('GET', `/webhooks?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBe(ids[0]);
    const all = await asAlice('GET', '/webhooks?limit=100');
    expect(all.body.nextCursor).toBeNull();
  });

  it('needs X-Org-Id from a signed-in user, and the admin role', async () => {
    const missing = await call('GET', '/webhooks', alice.accessToken);
    expect([missing.status, missing.body.details]).toEqual([400, [{ field: 'X-Org-Id', problem: 'is required' }]]);
    expect(missing.body.message).toContain('X-Org-Id');
    const malformed = await call('GET', '/webhooks', alice.accessToken, { org: 'nope' });
    expect([malformed.status, malformed.body.details[0].field]).toEqual([400, 'X-Org-Id']);
    expect(
      (await call('POST', '/webhooks', alice.accessToken, { body: { url: 'https://localhost/', eventTypes: ['*'] } }))
        .status,
    ).toBe(400);

    const created = await create();
    expect((await call('GET', '/webhooks', bob.accessToken, { org: alice.orgId })).status).toBe(403);
    expect((await call('GET', `/webhooks/${created.id}`, bob.accessToken, { org: alice.orgId })).status).toBe(403);
    expect(
      (
        await call('POST', '/webhooks', bob.accessToken, {
          org: alice.orgId,
          body: { url: 'https://localhost/', eventTypes: ['*'] },
        })
      ).status,
    ).toBe(403);
  });

  it('lets API keys read with webhooks:read and write with webhooks:write, in their own organization only', async () => {
    const key = async (scopes: string[]) =>
      (await asAlice('POST', `/orgs/${alice.orgId}/api-keys`, { name: 'hooks', scopes })).body.key as string;
    const [reader, writer] = await Promise.all([key(['webhooks:read']), key(['webhooks:write'])]);
    const body = { url: 'https://localhost/hook', eventTypes: ['*'] };

    expect((await call('GET', '/webhooks', reader)).status).toBe(200);
    const refused = await call('POST', '/webhooks', reader, { body });
    expect([refused.status, refused.body.message]).toEqual([403, 'This API key lacks the webhooks:write scope']);
    expect((await call('GET', '/webhooks', writer)).status).toBe(403);

    const created = await call('POST', '/webhooks', writer, { body });
    expect(created.status).toBe(201);
    secrets.push(created.body.secret);
    const read = await call('GET', `/webhooks/${created.body.id}`, reader, { org: alice.orgId });
    expect([read.status, read.body.url]).toEqual([200, 'https://localhost/hook']);
    expect((await call('POST', `/webhooks/${created.body.id}/enable`, reader)).status).toBe(403);
    // A key naming another organization is refused as if that organization did not exist.
    expect((await call('GET', '/webhooks', reader, { org: mallory.orgId })).status).toBe(404);
  });

  it("answers 404 on every route for another organization's endpoint", async () => {
    const created = await create();
    const routes: [string, string, unknown?][] = [
      ['GET', `/webhooks/${created.id}`],
      ['PATCH', `/webhooks/${created.id}`, { description: 'mine now' }],
      ['DELETE', `/webhooks/${created.id}`],
      ['POST', `/webhooks/${created.id}/secret/rotate`],
      ['POST', `/webhooks/${created.id}/enable`],
    ];
    for (const [method, path, body] of routes) {
      // Naming Alice's organization: not a member. Naming her own: no such endpoint there.
      const inAlices = await call(method, path, mallory.accessToken, { org: alice.orgId, body });
      const inOwn = await call(method, path, mallory.accessToken, { org: mallory.orgId, body });
      expect([`${method} ${path}`, inAlices.status, inOwn.status]).toEqual([`${method} ${path}`, 404, 404]);
    }
    expect((await call('GET', '/webhooks', mallory.accessToken, { org: alice.orgId })).status).toBe(404);
    const listed = await call('GET', '/webhooks', mallory.accessToken, { org: mallory.orgId });
    expect(listed.body.items).toEqual([]);
    expect((await asAlice('GET', `/webhooks/${created.id}`)).body).toMatchObject({ description: '', enabled: true });
    expect((await service.forDelivery(alice.orgId, created.id))!.signingSecrets).toEqual([created.secret]);
  });

  it('refuses URLs that reach private or reserved addresses, naming url', async () => {
    const refusals: [string, RegExp][] = [
      ['http://169.254.169.254/latest/meta-data/', /private or reserved/],
      ['http://10.0.0.1/', /private or reserved/],
      ['http://[::ffff:10.0.0.1]/', /private or reserved/],
      ['http://[fd00::1]/', /private or reserved/],
      ['ftp://localhost/', /must use https/],
      ['https://user:pw@localhost/', /user name or password/],
    ];
    for (const [url, problem] of refusals) {
      const refused = await asAlice('POST', '/webhooks', { url, eventTypes: ['*'] });
      expect([url, refused.status, refused.body.details]).toEqual([
        url,
        400,
        [{ field: 'url', problem: expect.stringMatching(problem) }],
      ]);
    }
    const created = await create();
    const patched = await asAlice('PATCH', `/webhooks/${created.id}`, { url: 'http://169.254.169.254/' });
    expect([patched.status, patched.body.details[0].field]).toEqual([400, 'url']);
    expect((await create({ url: 'https://localhost/hook' })).url).toBe('https://localhost/hook');
  });

  it('keeps the subscription cache right across every change', async () => {
    const org = alice.orgId;
    const type = 'invoice.paid';
    const created = await create({ eventTypes: [type] });
    expect(await cache.endpointIdsFor(org, type)).toContain(created.id);
    const hits = await cacheLookups('hit');
    expect(await cache.endpointIdsFor(org, type)).toContain(created.id);
    expect(await cacheLookups('hit')).toBe(hits + 1);
    expect(await cache.endpointIdsFor(org, 'invoice.voided')).not.toContain(created.id);

    await asAlice('PATCH', `/webhooks/${created.id}`, { eventTypes: ['invoice.voided'] });
    expect(await cache.endpointIdsFor(org, type)).not.toContain(created.id);
    expect(await cache.endpointIdsFor(org, 'invoice.voided')).toContain(created.id);

    // A disabled endpoint stays subscribed: its messages are kept (failed) until `recover` sends them.
    await asAlice('PATCH', `/webhooks/${created.id}`, { enabled: false });
    expect(await cache.endpointIdsFor(org, 'invoice.voided')).toContain(created.id);
    await asAlice('POST', `/webhooks/${created.id}/enable`);
    await service.disable(org, created.id, 'gone');
    expect(await cache.endpointIdsFor(org, 'invoice.voided')).toContain(created.id);
    await asAlice('POST', `/webhooks/${created.id}/enable`);

    const everything = await create({ eventTypes: ['*'] });
    expect(await cache.endpointIdsFor(org, 'invoice.voided')).toEqual(
      expect.arrayContaining([created.id, everything.id]),
    );
    await asAlice('DELETE', `/webhooks/${created.id}`);
    const after = await cache.endpointIdsFor(org, 'invoice.voided');
    expect(after).toContain(everything.id);
    expect(after).not.toContain(created.id);
    expect(await cache.endpointIdsFor(mallory.orgId, 'invoice.voided')).toEqual([]);
    expect(await cacheLookups('miss')).toBeGreaterThan(0);
  });

  it('does not let a list read before a change be cached after it', async () => {
    const org = alice.orgId;
    const created = await create({ eventTypes: ['race.before'] });
    const repository = api.app.get(WebhookEndpointsRepository, { strict: false });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowRepository = Object.create(repository) as WebhookEndpointsRepository;
    slowRepository.subscriptions = async (orgId) => {
      const list = await repository.subscriptions(orgId);
      await held;
      return list;
    };
    const slowReader = new SubscriptionsCache(
      api.app.get<Redis>(REDIS, { strict: false }),
      slowRepository,
      systemClock,
    );
    await cache.invalidate(org);
    const stale = slowReader.endpointIdsFor(org, 'race.before');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await asAlice('PATCH', `/webhooks/${created.id}`, { eventTypes: ['race.after'] });
    release();
    expect(await stale).toContain(created.id);
    expect(await cache.endpointIdsFor(org, 'race.before')).not.toContain(created.id);
  });

  it('answers from Mongo when Redis does not', async () => {
    const created = await create({ eventTypes: ['outage.test'] });
    // A client whose server is gone for good: every command fails at once, as the request-path client's do.
    const dead = new Redis({
      host: '127.0.0.1',
      port: 1,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    dead.on('error', () => {});
    await new Promise((resolve) => dead.once('end', resolve));
    const degraded = new SubscriptionsCache(
      dead,
      api.app.get(WebhookEndpointsRepository, { strict: false }),
      systemClock,
    );
    const misses = await cacheLookups('miss');
    expect(await degraded.endpointIdsFor(alice.orgId, 'outage.test')).toContain(created.id);
    await expect(degraded.invalidate(alice.orgId)).resolves.toBeUndefined();
    expect(await cacheLookups('miss')).toBe(misses + 1);
  });

  it('never answered a secret outside creation and rotation, nor logged one', () => {
    expect(secrets.length).toBeGreaterThan(5);
    for (const text of responses) expect(text).not.toMatch(/whsec_|"secret"|sealed|ciphertext/);
    const logs = api.logs.join('\n');
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toContain('whsec_');
  });
});
