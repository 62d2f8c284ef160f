import mongoose from 'mongoose';
import { waitFor } from './support/test-env.js';
import { createEndpoint, publish } from './support/webhook-stack.js';
import { createWorkflow, settledRun, withWorkflowStack, type WorkflowTestStack } from './support/workflow-stack.js';

const orderEmail = {
  type: 'send_email',
  to: ['{{event.data.customer}}'],
  subject: 'Order {{event.data.id}} received',
  text: 'Thanks for order {{event.data.id}} of {{event.data.total}} EUR.',
};
const bigOrder = { type: 'condition', when: { all: [{ field: 'event.data.total', op: 'gt', value: 100 }] } };
const notify = { type: 'publish_event', eventType: 'order.followed_up', payload: { order: '{{event.data.id}}' } };

describe('workflow runs end to end (API, worker process, FerretDB, Redis, SMTP sink, webhook receiver)', () => {
  let s: WorkflowTestStack;
  withWorkflowStack((stack) => (s = stack));

  beforeAll(async () => {
    await s.startWorker();
    await createEndpoint(s.api, s.account, s.receiver, ['order.followed_up']);
  });

  const mailsTo = (address: string) => s.sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(address));
  const followUps = (order: string) =>
    s.receiver.received.filter(
      (r) => JSON.parse(r.body).type === 'order.followed_up' && JSON.parse(r.body).data.order === order,
    );

  async function orderWorkflow(trigger: string, steps: unknown[]) {
    return createWorkflow(s.api, s.account, { name: trigger, trigger: { type: 'event', eventType: trigger }, steps });
  }

  it('runs email, delay, condition and publish_event: every step succeeded with its times', async () => {
    const workflow = await orderWorkflow('order.created', [
      orderEmail,
      { type: 'delay', duration: 'PT2S' },
      bigOrder,
      notify,
    ]);
    const customer = 'ada@example.com';
    expect(
      (await publish(s.api, s.account, { type: 'order.created', payload: { id: 'A1', total: 250, customer } })).status,
    ).toBe(202);

    const run = await settledRun(s.api, s.account, workflow.id);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((step: { status: string }) => step.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    for (const step of run.steps) expect(Date.parse(step.endedAt)).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
    const delay = run.steps[1];
    expect(Date.parse(delay.endedAt) - Date.parse(delay.startedAt)).toBeGreaterThanOrEqual(2_000);

    const [mail] = await waitFor(() => (mailsTo(customer).length ? mailsTo(customer) : null), 'the email');
    expect(mail!.subject).toBe('Order A1 received');
    expect(mail!.text).toContain('Thanks for order A1 of 250 EUR.');
    const [delivered] = await waitFor(() => (followUps('A1').length ? followUps('A1') : null), 'the follow-up event');
    expect(delivered!.verified).toBe(true);
    const fetched = await s.api.request('GET', `/workflow-runs/${run.id}`, {
      token: s.account.accessToken,
      headers: { 'x-org-id': s.account.orgId },
    });
    expect(fetched.body).toMatchObject({ id: run.id, status: 'succeeded', version: 1, cursor: 4 });
  });

  it('ends a run whose condition is false as succeeded, the steps after it skipped', async () => {
    const workflow = await orderWorkflow('order.small', [bigOrder, orderEmail, notify]);
    await publish(s.api, s.account, {
      type: 'order.small',
      payload: { id: 'S1', total: 5, customer: 'small@example.com' },
    });
    const run = await settledRun(s.api, s.account, workflow.id);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((step: { status: string }) => step.status)).toEqual(['succeeded', 'skipped', 'skipped']);
    expect(run.steps[0].output).toEqual({ matched: false });
  });

  it('starts one run for one event, however often its fan-out is repeated', async () => {
    const workflow = await orderWorkflow('order.repeated', [{ type: 'delay', duration: 60 }]);
    await publish(s.api, s.account, { type: 'order.repeated', payload: { id: 'R1' } });
    const events = s.db.collection('events');
    // The relay finishing a fan-out a crash cut short: the same event fanned out again, twice.
    for (let again = 0; again < 2; again++) {
      await events.updateMany({ type: 'order.repeated' }, { $set: { fannedOutAt: null, createdAt: new Date(0) } });
      await waitFor(
        async () => (await events.countDocuments({ type: 'order.repeated', fannedOutAt: { $ne: null } })) === 1,
        'the relay to fan the event out again',
      );
    }
    const workflowId = new mongoose.Types.ObjectId(workflow.id);
    expect(await s.db.collection('workflow_runs').countDocuments({ workflowId })).toBe(1);
  });

  it('cancels a waiting run, retries a failed one from its failed step, and runs one by hand', async () => {
    const auth = { token: s.account.accessToken, headers: { 'x-org-id': s.account.orgId } };
    const waiting = await createWorkflow(s.api, s.account, {
      name: 'Waits',
      trigger: { type: 'manual' },
      steps: [{ type: 'delay', duration: 'PT1H' }, orderEmail],
    });
    const started = await s.api.request('POST', `/workflows/${waiting.id}/run`, {
      ...auth,
      body: { input: { id: 'M1' } },
    });
    expect(started.status).toBe(202);
    await settledRun(s.api, s.account, waiting.id, ['waiting']);
    const cancelled = await s.api.request('POST', `/workflow-runs/${started.body.id}/cancel`, auth);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.steps.map((step: { status: string }) => step.status)).toEqual(['cancelled', 'cancelled']);

    // No recipient in the input: the email step fails for good, and workflow.run.failed is published.
    const failing = await createWorkflow(s.api, s.account, {
      name: 'Fails',
      trigger: { type: 'manual' },
      steps: [bigOrder, orderEmail],
    });
    const run = await s.api.request('POST', `/workflows/${failing.id}/run`, {
      ...auth,
      body: { input: { id: 'F1', total: 500 } },
    });
    const failed = await settledRun(s.api, s.account, failing.id);
    expect(failed.status).toBe('failed');
    expect(failed.steps[1]).toMatchObject({ status: 'failed', error: expect.stringContaining('no valid recipient') });
    await waitFor(
      async () =>
        (await s.db
          .collection('events')
          .countDocuments({ type: 'workflow.run.failed', body: { $regex: run.body.id } })) === 1,
      'workflow.run.failed',
    );
    await s.db
      .collection('workflow_runs')
      .updateOne(
        { _id: new mongoose.Types.ObjectId(run.body.id as string) },
        { $set: { 'input.data.customer': 'fixed@example.com' } },
      );
    // A retry is single-use: of two at once, one wins.
    const retries = await Promise.all(
      [1, 2].map(() => s.api.request('POST', `/workflow-runs/${run.body.id}/retry`, auth)),
    );
    expect(retries.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const done = await settledRun(s.api, s.account, failing.id, ['succeeded']);
    expect(done.steps.map((step: { attempts: number }) => step.attempts)).toEqual([1, 2]);
    expect((await s.api.request('POST', `/workflow-runs/${run.body.id}/retry`, auth)).status).toBe(409);
  });
});
