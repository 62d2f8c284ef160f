import mongoose from 'mongoose';
import { createHash } from 'node:crypto';
import { signUp, type TestAccount } from './support/accounts.js';
import { startApi, type TestApi, type TestResponse } from './support/api.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

const SECRET_FIELDS = /passwordHash|"hash"|tokenHash/;

describe('organization API keys over HTTP (FerretDB, Redis)', () => {
  let api: TestApi;
  let db: mongoose.Connection;
  const responses: string[] = [];
  const keys: string[] = [];
  let owner: TestAccount;
  let member: TestAccount;

  const call = async (method: string, path: string, token: string, body?: unknown): Promise<TestResponse> => {
    const response = await api.request(method, path, { token, body });
    responses.push(response.text);
    return response;
  };
  const createKey = async (scopes: string[], name = 'CI') => {
    const created = await call('POST', `/orgs/${owner.orgId}/api-keys`, owner.accessToken, { name, scopes });
    expect(created.status).toBe(201);
    keys.push(created.body.key);
    return created.body as { id: string; key: string; prefix: string; scopes: string[] };
  };

  beforeAll(async () => {
    const env = isolatedEnv();
    api = await startApi(env);
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    [owner, member] = await Promise.all([signUp(api, 'Olive'), signUp(api, 'Max')]);
    const invited = await call('POST', `/orgs/${owner.orgId}/invitations`, owner.accessToken, {
      email: member.email,
      role: 'member',
    });
    const mail = await db.collection('email_messages').findOne({ dedupeKey: `invitation:${invited.body.id}` });
    const token = new URL(mail!.variables.acceptUrl).searchParams.get('token')!;
    expect((await call('POST', '/invitations/accept', member.accessToken, { token })).status).toBe(200);
  });

  afterAll(async () => {
    await api?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  it('shows a new key once, and stores only its sha256 and a visible prefix', async () => {
    const created = await createKey(['members:read', 'audit:read']);
    expect(created).toEqual({
      id: expect.any(String),
      name: 'CI',
      scopes: ['members:read', 'audit:read'],
      prefix: created.key.slice(0, 12),
      key: expect.stringMatching(/^np_live_[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    const stored = await db.collection('api_keys').findOne({ _id: new mongoose.Types.ObjectId(created.id) });
    expect(stored!.hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(created.key);

    const listed = await call('GET', `/orgs/${owner.orgId}/api-keys`, owner.accessToken);
    expect(listed.body.items.find((k: { id: string }) => k.id === created.id)).toEqual({ ...created, key: undefined });
    expect(listed.text).not.toContain(created.key);
  });

  it('names an unknown scope in the 400', async () => {
    const refused = await call('POST', `/orgs/${owner.orgId}/api-keys`, owner.accessToken, {
      name: 'x',
      scopes: ['orgs:read', 'root'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([{ field: 'scopes.1', problem: expect.stringContaining('must be one of') }]);
  });

  it('is for admins: a member can neither create nor list keys', async () => {
    expect(
      (await call('POST', `/orgs/${owner.orgId}/api-keys`, member.accessToken, { name: 'x', scopes: ['orgs:read'] }))
        .status,
    ).toBe(403);
    expect((await call('GET', `/orgs/${owner.orgId}/api-keys`, member.accessToken)).status).toBe(403);
  });

  it('lets a key do what its scopes allow, and nothing else', async () => {
    const webhooksOnly = (await createKey(['webhooks:read'])).key;
    const membersRead = (await createKey(['members:read'])).key;

    expect(
      (await call('POST', `/orgs/${owner.orgId}/api-keys`, webhooksOnly, { name: 'x', scopes: ['members:write'] }))
        .status,
    ).toBe(403);
    expect(
      (await call('PATCH', `/orgs/${owner.orgId}/members/${member.userId}`, webhooksOnly, { role: 'admin' })).status,
    ).toBe(403);
    const noScope = await call('GET', `/orgs/${owner.orgId}/members`, webhooksOnly);
    expect([noScope.status, noScope.body.message]).toEqual([403, 'This API key lacks the members:read scope']);

    const members = await call('GET', `/orgs/${owner.orgId}/members`, membersRead);
    expect(members.status).toBe(200);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).toEqual([owner.userId, member.userId]);
    expect((await call('DELETE', `/orgs/${owner.orgId}/members/${member.userId}`, membersRead)).status).toBe(403);
    expect((await call('GET', `/orgs/${owner.orgId}/audit-log`, membersRead)).status).toBe(403);
    expect((await call('GET', `/orgs/${owner.orgId}/invitations`, membersRead)).status).toBe(403);
  });

  it('sees its own organization, without a role', async () => {
    const key = (await createKey(['orgs:read'])).key;
    const listed = await call('GET', '/orgs', key);
    expect(listed.body.items).toEqual([
      { id: owner.orgId, name: "Olive's organization", personal: true, createdAt: expect.any(String) },
    ]);
    expect((await call('GET', `/orgs/${owner.orgId}`, key)).body).not.toHaveProperty('role');
  });

  it('changes roles with members:write, but never grants owner, and is audited as the key', async () => {
    const { id, key } = await createKey(['members:write', 'audit:read']);
    const promoted = await call('PATCH', `/orgs/${owner.orgId}/members/${member.userId}`, key, { role: 'admin' });
    expect([promoted.status, promoted.body.role]).toEqual([200, 'admin']);
    expect((await call('PATCH', `/orgs/${owner.orgId}/members/${member.userId}`, key, { role: 'owner' })).status).toBe(
      403,
    );
    expect((await call('PATCH', `/orgs/${owner.orgId}/members/${member.userId}`, key, { role: 'member' })).status).toBe(
      200,
    );
    const log = await call('GET', `/orgs/${owner.orgId}/audit-log?limit=1`, key);
    expect(log.body.items[0]).toMatchObject({
      action: 'member.role_changed',
      actorType: 'apiKey',
      actorId: id,
      target: `user:${member.userId}`,
    });
  });

  it('records when a key was last used', async () => {
    const { id, key } = await createKey(['orgs:read']);
    expect((await call('GET', '/orgs', key)).status).toBe(200);
    const used = await waitFor(async () => {
      const listed = await call('GET', `/orgs/${owner.orgId}/api-keys`, owner.accessToken);
      return listed.body.items.find((k: { id: string; lastUsedAt: string | null }) => k.id === id && k.lastUsedAt);
    }, 'lastUsedAt to be set');
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a revoked key with 401 from then on, and audits creation and revocation', async () => {
    const { id, key } = await createKey(['orgs:read']);
    expect((await call('GET', '/orgs', key)).status).toBe(200);
    expect((await call('DELETE', `/orgs/${owner.orgId}/api-keys/${id}`, owner.accessToken)).status).toBe(204);
    expect((await call('DELETE', `/orgs/${owner.orgId}/api-keys/${id}`, owner.accessToken)).status).toBe(204);
    expect((await call('GET', '/orgs', key)).status).toBe(401);
    expect((await call('GET', `/orgs/${owner.orgId}`, key)).status).toBe(401);

    const listed = await call('GET', `/orgs/${owner.orgId}/api-keys`, owner.accessToken);
    expect(listed.body.items.find((k: { id: string }) => k.id === id).revokedAt).toEqual(expect.any(String));
    const log = await call('GET', `/orgs/${owner.orgId}/audit-log?limit=100`, owner.accessToken);
    const forKey = log.body.items.filter((e: { target: string }) => e.target === `api_key:${id}`);
    expect(forKey.map((e: { action: string; actorId: string }) => [e.action, e.actorId])).toEqual([
      ['api_key.revoked', owner.userId],
      ['api_key.created', owner.userId],
    ]);
  });

  it('refuses keys that do not exist or are malformed', async () => {
    expect((await call('GET', '/orgs', `np_live_${'A'.repeat(43)}`)).status).toBe(401);
    expect((await call('GET', '/orgs', 'np_live_short')).status).toBe(401);
    const missing = new mongoose.Types.ObjectId().toHexString();
    expect((await call('DELETE', `/orgs/${owner.orgId}/api-keys/${missing}`, owner.accessToken)).status).toBe(404);
  });

  it('never answered with a password hash, a token hash or a key hash, nor logged a key', () => {
    for (const text of responses) expect(text).not.toMatch(SECRET_FIELDS);
    const logs = api.logs.join('\n');
    for (const key of keys) expect(logs).not.toContain(key);
  });
});
