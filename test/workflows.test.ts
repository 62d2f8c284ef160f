import { signUp, type TestAccount, withApiAndAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';

const email = { type: 'send_email', to: ['ops@example.com'], subject: 'Order {{event.data.id}}', text: 'Placed.' };
const definition = { name: 'Orders', trigger: { type: 'event', eventType: 'order.created' }, steps: [email] };

describe('workflow definitions (API)', () => {
  let api: TestApi;
  let account: TestAccount;
  withApiAndAccount((started) => ({ api, account } = started));

  const as = (who: TestAccount) => ({ token: who.accessToken, headers: { 'x-org-id': who.orgId } });

  it('creates, reads, lists, versions and deletes a workflow', async () => {
    const created = await api.request('POST', '/workflows', { ...as(account), body: definition });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Orders', enabled: true, version: 1, steps: [email] });
    const id = created.body.id as string;

    const renamed = await api.request('PATCH', `/workflows/${id}`, { ...as(account), body: { name: 'Renamed' } });
    expect(renamed.body).toMatchObject({ name: 'Renamed', version: 1 });
    const edited = await api.request('PATCH', `/workflows/${id}`, {
      ...as(account),
      body: { steps: [email, { type: 'delay', duration: 'PT1M' }] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);

    const list = await api.request('GET', '/workflows', as(account));
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(id);
    expect((await api.request('GET', `/workflows/${id}`, as(account))).body.version).toBe(2);
    expect((await api.request('DELETE', `/workflows/${id}`, as(account))).status).toBe(204);
    expect((await api.request('GET', `/workflows/${id}`, as(account))).status).toBe(404);
  });

  it('answers 400 naming the step index and field for each invalid definition', async () => {
    const withStep = (step: unknown) => ({ ...definition, steps: [email, step] });
    const table: [unknown, string][] = [
      [withStep({ type: 'run_code', code: 'x' }), 'steps.1.type'],
      [withStep({ type: 'delay', duration: 'soon' }), 'steps.1.duration'],
      [withStep({ ...email, text: 'Hi {{customer.name}}' }), 'steps.1.text'],
      [{ ...definition, trigger: { type: 'schedule', cron: '61 * * * *' } }, 'trigger.cron'],
      [
        { ...definition, trigger: { type: 'schedule', cron: '0 9 * * *', timeZone: 'Nowhere/City' } },
        'trigger.timeZone',
      ],
      [{ ...definition, trigger: { type: 'event', eventType: '*' } }, 'trigger.eventType'],
    ];
    for (const [body, field] of table) {
      const answer = await api.request('POST', '/workflows', { ...as(account), body });
      expect({ field, status: answer.status }).toEqual({ field, status: 400 });
      expect(answer.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const created = await api.request('POST', '/workflows', { ...as(account), body: definition });
    const patched = await api.request('PATCH', `/workflows/${created.body.id}`, {
      ...as(account),
      body: { steps: [{ type: 'publish_event', eventType: 'order.created' }] },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.details[0].field).toBe('steps.0.eventType');
  });

  it("answers 404 for another organization's workflow and run", async () => {
    const created = await api.request('POST', '/workflows', { ...as(account), body: definition });
    const id = created.body.id as string;
    const stranger = await signUp(api, 'Eve');
    for (const [method, path] of [
      ['GET', `/workflows/${id}`],
      ['PATCH', `/workflows/${id}`],
      ['DELETE', `/workflows/${id}`],
      ['GET', `/workflows/${id}/runs`],
      ['POST', `/workflows/${id}/run`],
    ] as const) {
      const answer = await api.request(method, path, { ...as(stranger), body: method === 'GET' ? undefined : {} });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
    }
    const run = await api.request('POST', `/workflows/${id}/run`, { ...as(account), body: { input: {} } });
    expect(run.status).toBe(202);
    for (const path of [`/workflow-runs/${run.body.id}`, `/workflow-runs/${run.body.id}/cancel`]) {
      const answer = await api.request(path.endsWith('cancel') ? 'POST' : 'GET', path, as(stranger));
      expect(answer.status).toBe(404);
    }
  });
});
