import mongoose from 'mongoose';
import { signUp, type TestAccount } from './support/accounts.js';
import { startApi, type TestApi, type TestResponse } from './support/api.js';
import { isolatedEnv } from './support/test-env.js';

const SECRET_FIELDS = /passwordHash|"hash"|tokenHash|recoveryCodes|"secret"/;

describe('organizations, members and the audit log over HTTP (FerretDB, Redis)', () => {
  let api: TestApi;
  let db: mongoose.Connection;
  const responses: string[] = [];
  let alice: TestAccount; // owner of org A
  let carol: TestAccount; // admin of org A
  let bob: TestAccount; // member of org A
  let mallory: TestAccount; // owner of org B only

  const call = async (method: string, path: string, token: string, body?: unknown): Promise<TestResponse> => {
    const response = await api.request(method, path, { token, body });
    responses.push(response.text);
    return response;
  };

  /** Invites `account` into `orgId` and accepts as them, reading the token from the email outbox. */
  async function join(
    admin: TestAccount,
    orgId: string,
    account: TestAccount,
    role: 'member' | 'admin',
  ): Promise<void> {
    const invited = await call('POST', `/orgs/${orgId}/invitations`, admin.accessToken, { email: account.email, role });
    expect(invited.status).toBe(201);
    const mail = await db.collection('email_messages').findOne({ dedupeKey: `invitation:${invited.body.id}` });
    const token = new URL(mail!.variables.acceptUrl).searchParams.get('token')!;
    expect((await call('POST', '/invitations/accept', account.accessToken, { token })).status).toBe(200);
  }

  beforeAll(async () => {
    const env = isolatedEnv();
    api = await startApi(env);
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    [alice, carol, bob, mallory] = await Promise.all([
      signUp(api, 'Alice'),
      signUp(api, 'Carol'),
      signUp(api, 'Bob'),
      signUp(api, 'Mallory'),
    ]);
    await join(alice, alice.orgId, carol, 'admin');
    await join(alice, alice.orgId, bob, 'member');
  });

  afterAll(async () => {
    await api?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  it("lists a user's organizations with their role in each", async () => {
    const listed = await call('GET', '/orgs', bob.accessToken);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        { id: bob.orgId, name: "Bob's organization", personal: true, role: 'owner', createdAt: expect.any(String) },
        {
          id: alice.orgId,
          name: "Alice's organization",
          personal: true,
          role: 'member',
          createdAt: expect.any(String),
        },
      ]),
    );
    expect(listed.body.items).toHaveLength(2);
    const one = await call('GET', `/orgs/${alice.orgId}`, carol.accessToken);
    expect(one.body).toMatchObject({ id: alice.orgId, role: 'admin' });
  });

  it('lists members with id, email, name and role, and nothing secret', async () => {
    const listed = await call('GET', `/orgs/${alice.orgId}/members`, bob.accessToken);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      { userId: alice.userId, email: alice.email, name: 'Alice', role: 'owner', joinedAt: expect.any(String) },
      { userId: carol.userId, email: carol.email, name: 'Carol', role: 'admin', joinedAt: expect.any(String) },
      { userId: bob.userId, email: bob.email, name: 'Bob', role: 'member', joinedAt: expect.any(String) },
    ]);
    expect(listed.text).not.toMatch(SECRET_FIELDS);
    expect(listed.text).not.toContain('mfa');
  });

  describe('changing roles', () => {
    it('refuses members, and admins granting or taking away owner', async () => {
      const byMember = await call('PATCH', `/orgs/${alice.orgId}/members/${carol.userId}`, bob.accessToken, {
        role: 'member',
      });
      expect([byMember.status, byMember.body.message]).toEqual([403, 'This needs the admin role or higher']);
      const grantOwner = await call('PATCH', `/orgs/${alice.orgId}/members/${bob.userId}`, carol.accessToken, {
        role: 'owner',
      });
      expect([grantOwner.status, grantOwner.body.message]).toEqual([
        403,
        'Only an owner can grant or take away the owner role',
      ]);
      const takeOwner = await call('PATCH', `/orgs/${alice.orgId}/members/${alice.userId}`, carol.accessToken, {
        role: 'admin',
      });
      expect(takeOwner.status).toBe(403);
    });

    it('never demotes the last owner', async () => {
      const demoted = await call('PATCH', `/orgs/${alice.orgId}/members/${alice.userId}`, alice.accessToken, {
        role: 'admin',
      });
      expect(demoted.status).toBe(409);
      expect(demoted.body.message).toMatch(/needs an owner/);
    });

    it('validates the role and the ids', async () => {
      const unknown = await call('PATCH', `/orgs/${alice.orgId}/members/${bob.userId}`, alice.accessToken, {
        role: 'god',
      });
      expect([unknown.status, unknown.body.details[0].field]).toEqual([400, 'role']);
      const badId = await call('PATCH', `/orgs/${alice.orgId}/members/nope`, alice.accessToken, { role: 'admin' });
      expect([badId.status, badId.body.details[0].field]).toEqual([400, 'userId']);
      const notMember = await call('PATCH', `/orgs/${alice.orgId}/members/${mallory.userId}`, alice.accessToken, {
        role: 'admin',
      });
      expect(notMember.status).toBe(404);
    });

    it('lets an admin promote a member, and audits it', async () => {
      const promoted = await call('PATCH', `/orgs/${alice.orgId}/members/${bob.userId}`, carol.accessToken, {
        role: 'admin',
      });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ userId: bob.userId, role: 'admin' });
      const back = await call('PATCH', `/orgs/${alice.orgId}/members/${bob.userId}`, carol.accessToken, {
        role: 'member',
      });
      expect(back.body.role).toBe('member');
      const log = await call('GET', `/orgs/${alice.orgId}/audit-log?limit=2`, alice.accessToken);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          action: 'member.role_changed',
          actorType: 'user',
          actorId: carol.userId,
          target: `user:${bob.userId}`,
          ip: expect.stringMatching(/^10\./),
        }),
        expect.objectContaining({ action: 'member.role_changed', actorId: carol.userId }),
      ]);
    });
    it('keeps an owner when two owners step each other down at the same time', async () => {
      const [first, second] = await Promise.all([signUp(api, 'Pat'), signUp(api, 'Quinn')]);
      const invited = await call('POST', `/orgs/${first.orgId}/invitations`, first.accessToken, {
        email: second.email,
        role: 'owner',
      });
      const mail = await db.collection('email_messages').findOne({ dedupeKey: `invitation:${invited.body.id}` });
      const token = new URL(mail!.variables.acceptUrl).searchParams.get('token')!;
      expect((await call('POST', '/invitations/accept', second.accessToken, { token })).body.role).toBe('owner');

      const results = await Promise.all([
        call('PATCH', `/orgs/${first.orgId}/members/${second.userId}`, first.accessToken, { role: 'member' }),
        call('PATCH', `/orgs/${first.orgId}/members/${first.userId}`, second.accessToken, { role: 'member' }),
      ]);
      expect(results.map((r) => r.status)).toContain(409);
      const members = await call('GET', `/orgs/${first.orgId}/members`, first.accessToken);
      expect(members.body.items.map((m: { role: string }) => m.role)).toContain('owner');
    });
  });

  describe('removing members', () => {
    it('refuses a member removing someone else, and an admin removing the owner', async () => {
      expect((await call('DELETE', `/orgs/${alice.orgId}/members/${carol.userId}`, bob.accessToken)).status).toBe(403);
      const ownerByAdmin = await call('DELETE', `/orgs/${alice.orgId}/members/${alice.userId}`, carol.accessToken);
      expect([ownerByAdmin.status, ownerByAdmin.body.message]).toEqual([403, 'Only an owner can remove an owner']);
    });

    it('never removes the last owner, even at their own request', async () => {
      expect((await call('DELETE', `/orgs/${alice.orgId}/members/${alice.userId}`, alice.accessToken)).status).toBe(
        409,
      );
      const members = await call('GET', `/orgs/${alice.orgId}/members`, alice.accessToken);
      expect(members.body.items.find((m: { userId: string }) => m.userId === alice.userId).role).toBe('owner');
    });

    it('lets a member leave, and an admin remove a member', async () => {
      const dave = await signUp(api, 'Dave');
      const erin = await signUp(api, 'Erin');
      await join(alice, alice.orgId, dave, 'member');
      await join(alice, alice.orgId, erin, 'member');
      expect((await call('DELETE', `/orgs/${alice.orgId}/members/${dave.userId}`, dave.accessToken)).status).toBe(204);
      expect((await call('DELETE', `/orgs/${alice.orgId}/members/${erin.userId}`, carol.accessToken)).status).toBe(204);
      expect((await call('GET', `/orgs/${alice.orgId}`, dave.accessToken)).status).toBe(404);
      const log = await call('GET', `/orgs/${alice.orgId}/audit-log?limit=2`, alice.accessToken);
      expect(
        log.body.items.map((e: { action: string; actorId: string; target: string }) => [e.action, e.actorId, e.target]),
      ).toEqual([
        ['member.removed', carol.userId, `user:${erin.userId}`],
        ['member.removed', dave.userId, `user:${dave.userId}`],
      ]);
    });
  });

  describe('the audit log', () => {
    it('pages newest first with a cursor, to the end', async () => {
      const all = await call('GET', `/orgs/${alice.orgId}/audit-log?limit=100`, alice.accessToken);
      expect(all.body.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `limit=3&cursor=${cursor}` : 'limit=3';
        const page = await call('GET', `/orgs/${alice.orgId}/audit-log?${query}`, alice.accessToken);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((e: { id: string }) => e.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((e: { id: string }) => e.id));
      expect(seen.length).toBeGreaterThan(3);
      const times = all.body.items.map((e: { at: string }) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(Object.keys(all.body.items[0]).sort()).toEqual([
        'action',
        'actorId',
        'actorType',
        'at',
        'id',
        'ip',
        'target',
      ]);
    });

    it('is for admins, and checks its query', async () => {
      expect((await call('GET', `/orgs/${alice.orgId}/audit-log`, bob.accessToken)).status).toBe(403);
      expect((await call('GET', `/orgs/${alice.orgId}/audit-log`, carol.accessToken)).status).toBe(200);
      const badLimit = await call('GET', `/orgs/${alice.orgId}/audit-log?limit=1000`, alice.accessToken);
      expect([badLimit.status, badLimit.body.details[0].field]).toEqual([400, 'limit']);
      const badCursor = await call('GET', `/orgs/${alice.orgId}/audit-log?cursor=abc`, alice.accessToken);
      expect([badCursor.status, badCursor.body.details[0].field]).toEqual([400, 'cursor']);
    });
  });

  describe("another organization's ids", () => {
    let inviteId: string;
    let key: { id: string; key: string };
    let malloryKey: string;

    beforeAll(async () => {
      inviteId = (
        await call('POST', `/orgs/${alice.orgId}/invitations`, alice.accessToken, {
          email: 'pending@example.com',
          role: 'member',
        })
      ).body.id;
      const scopes = ['orgs:read', 'members:read', 'members:write', 'audit:read'];
      key = (await call('POST', `/orgs/${alice.orgId}/api-keys`, alice.accessToken, { name: 'A', scopes })).body;
      malloryKey = (await call('POST', `/orgs/${mallory.orgId}/api-keys`, mallory.accessToken, { name: 'B', scopes }))
        .body.key;
    });

    const routesOn = (org: string) =>
      [
        ['GET', `/orgs/${org}`],
        ['GET', `/orgs/${org}/members`],
        ['PATCH', `/orgs/${org}/members/${bob.userId}`, { role: 'admin' }],
        ['DELETE', `/orgs/${org}/members/${bob.userId}`],
        ['POST', `/orgs/${org}/invitations`, { email: 'x@example.com', role: 'member' }],
        ['GET', `/orgs/${org}/invitations`],
        ['DELETE', `/orgs/${org}/invitations/${inviteId}`],
        ['POST', `/orgs/${org}/api-keys`, { name: 'x', scopes: ['orgs:read'] }],
        ['GET', `/orgs/${org}/api-keys`],
        ['DELETE', `/orgs/${org}/api-keys/${key.id}`],
        ['GET', `/orgs/${org}/audit-log`],
      ] as const;

    it('are not found for a user of another organization, exactly as ids that do not exist', async () => {
      const missing = new mongoose.Types.ObjectId().toHexString();
      for (const [method, path, body] of routesOn(alice.orgId)) {
        const response = await call(method, path, mallory.accessToken, body);
        const nowhere = await call(method, path.replace(alice.orgId, missing), mallory.accessToken, body);
        expect([method, path, response.status]).toEqual([method, path, 404]);
        expect({ ...response.body, requestId: '' }).toEqual({ ...nowhere.body, requestId: '' });
      }
    });

    it("are not found through one's own organization either", async () => {
      const own = routesOn(mallory.orgId).filter(([method]) => method === 'PATCH' || method === 'DELETE');
      for (const [method, path, body] of own) {
        const response = await call(method, path, mallory.accessToken, body);
        expect([method, path, response.status]).toEqual([method, path, 404]);
      }
    });

    it("are not found for another organization's API key, whatever its scopes", async () => {
      for (const [method, path, body] of routesOn(alice.orgId)) {
        const response = await call(method, path, malloryKey, body);
        // Routes for people only refuse every API key before looking at the organization.
        expect([method, path, response.status]).toEqual([
          method,
          path,
          path.includes('/invitations') || path.includes('/api-keys') ? 403 : 404,
        ]);
      }
      const listed = await call('GET', '/orgs', malloryKey);
      expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([mallory.orgId]);
    });

    it('left everything in place', async () => {
      const members = await call('GET', `/orgs/${alice.orgId}/members`, key.key);
      expect(members.body.items.find((m: { userId: string }) => m.userId === bob.userId)).toMatchObject({
        role: 'member',
      });
      const invitations = await call('GET', `/orgs/${alice.orgId}/invitations`, alice.accessToken);
      expect(invitations.body.items.find((i: { id: string }) => i.id === inviteId)).toMatchObject({
        status: 'pending',
      });
      const keys = await call('GET', `/orgs/${alice.orgId}/api-keys`, alice.accessToken);
      expect(keys.body.items.find((k: { id: string }) => k.id === key.id)).toMatchObject({ revokedAt: null });
      expect((await call('GET', '/orgs', mallory.accessToken)).body.items.map((o: { id: string }) => o.id)).toEqual([
        mallory.orgId,
      ]);
    });
  });

  it('never answered with a password hash, a token hash or a key hash', () => {
    expect(responses.length).toBeGreaterThan(50);
    for (const text of responses) expect(text).not.toMatch(SECRET_FIELDS);
  });
});
