import mongoose from 'mongoose';
import type { TestAccount } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { publish, publishRaw, startApiStack } from './support/webhook-stack.js';

const email = { type: 'send_email', to: ['ops@example.com'], subject: 'Order {{event.data.id}}', text: 'Placed.' };

/**
 * Each API keeps its own copy of the organization's event-triggered workflows, checked against the
 * generation in Redis that saves bump: a save through one API takes effect on the next publish
 * through the other. No worker: runs are stored by whichever process publishes.
 */
describe('event-triggered workflows seen by two API instances sharing Redis and FerretDB', () => {
  let editor: TestApi;
  let publisher: TestApi;
  let account: TestAccount;
  let db: mongoose.Connection;

  beforeAll(async () => {
    const stack = await startApiStack();
    ({ api: editor, account } = stack);
    publisher = await startApi(stack.env);
    db = await mongoose.createConnection(stack.env.MONGO_URI!).asPromise();
  });
  afterAll(async () => {
    await publisher?.close();
    await editor?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  const auth = () => ({ token: account.accessToken, headers: { 'x-org-id': account.orgId } });
  const publishThrough = async (api: TestApi, type: string, payload: unknown = { id: 'x' }) => {
    const published = await publish(api, account, { type, payload });
    expect(published.status).toBe(202);
    return published.body.id as string;
  };
  const runsFor = (eventId: string) =>
    db
      .collection('workflow_runs')
      .find({ triggerKey: `event:${eventId}` })
      .toArray();
  const createWorkflow = async (eventType: string) => {
    const created = await editor.request('POST', '/workflows', {
      ...auth(),
      body: { name: eventType, trigger: { type: 'event', eventType }, steps: [email] },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const patch = async (id: string, body: unknown) => {
    const patched = await editor.request('PATCH', `/workflows/${id}`, { ...auth(), body });
    expect(patched.status).toBe(200);
  };

  it('a created, disabled, re-enabled, re-typed and deleted workflow takes effect on the next publish elsewhere', async () => {
    expect(await runsFor(await publishThrough(publisher, 'trig.placed'))).toHaveLength(0);
    const id = await createWorkflow('trig.placed');
    const first = await runsFor(await publishThrough(publisher, 'trig.placed'));
    expect(first.map((run) => run.workflowId.toHexString())).toEqual([id]);

    await patch(id, { enabled: false });
    expect(await runsFor(await publishThrough(publisher, 'trig.placed'))).toHaveLength(0);

    await patch(id, { enabled: true, trigger: { type: 'event', eventType: 'trig.shipped' } });
    expect(await runsFor(await publishThrough(publisher, 'trig.placed'))).toHaveLength(0);
    const shipped = await runsFor(await publishThrough(publisher, 'trig.shipped'));
    expect(shipped.map((run) => run.version)).toEqual([2]);

    expect((await editor.request('DELETE', `/workflows/${id}`, auth())).status).toBe(204);
    expect(await runsFor(await publishThrough(publisher, 'trig.shipped'))).toHaveLength(0);
  });

  it('publishes racing a disable: one run per event before it, none after it returns', async () => {
    await publishThrough(publisher, 'trig.raced');
    const id = await createWorkflow('trig.raced');
    const before = await Promise.all(Array.from({ length: 12 }, () => publishThrough(publisher, 'trig.raced')));
    for (const eventId of before) expect(await runsFor(eventId)).toHaveLength(1);

    const during = Array.from({ length: 12 }, () => publishThrough(publisher, 'trig.raced'));
    await patch(id, { enabled: false });
    const after = await Promise.all(Array.from({ length: 12 }, () => publishThrough(publisher, 'trig.raced')));
    for (const eventId of await Promise.all(during)) expect((await runsFor(eventId)).length).toBeLessThanOrEqual(1);
    for (const eventId of after) expect(await runsFor(eventId)).toHaveLength(0);
    for (const eventId of [...before, ...after])
      expect(
        await db.collection('events').countDocuments({ _id: new mongoose.Types.ObjectId(eventId), fannedOutAt: null }),
      ).toBe(0);
  });

  it('gives a run the payload as documented: doubles for numbers, null beyond their range', async () => {
    await createWorkflow('trig.numbers');
    const text =
      '{"type":"trig.numbers","payload":{"id":9007199254740993,"max":18446744073709551615,"far":1e400,"ok":42}}';
    const published = await publishRaw(publisher, account, text);
    expect(published.status).toBe(202);
    const { id } = (await published.json()) as { id: string };
    const [run] = await runsFor(id);
    expect(run?.input.data).toEqual({ id: 9007199254740992, max: 18446744073709552000, far: null, ok: 42 });
  });
});
