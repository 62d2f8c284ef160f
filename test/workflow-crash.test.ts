import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { EventTriggers } from '../src/webhooks/events/event-triggers.js';
import { waitFor } from './support/test-env.js';
import { createEndpoint, publish } from './support/webhook-stack.js';
import { createWorkflow, settledRun, withWorkflowStack, type WorkflowTestStack } from './support/workflow-stack.js';

const email = (to: string) => ({ type: 'send_email', to: [to], subject: 'Order {{event.data.id}}', text: 'Hello.' });
const followUp = { type: 'publish_event', eventType: 'order.crash_followed', payload: { order: '{{event.data.id}}' } };

/** Each test stops its workers before the next one starts its own, so a crash-point worker is alone. */
describe('workflow runs survive crashes and a Redis that lost its data (worker processes, private Redis)', () => {
  let s: WorkflowTestStack;
  withWorkflowStack((stack) => (s = stack));

  beforeAll(async () => {
    await createEndpoint(s.api, s.account, s.receiver, ['order.crash_followed']);
  });
  afterEach(async () => {
    await s.stopWorkers();
  });

  const mailsTo = (address: string) => s.sink.messages.filter((m) => JSON.stringify(m.to).includes(address));
  const followUps = (order: string) => s.receiver.received.filter((r) => JSON.parse(r.body).data.order === order);
  const workflowOn = (eventType: string, steps: unknown[]) =>
    createWorkflow(s.api, s.account, { name: eventType, trigger: { type: 'event', eventType }, steps });

  it('completes a run whose worker was SIGKILLed mid-delay: one email, one event', async () => {
    const workflow = await workflowOn('order.killed', [
      email('killed@example.com'),
      { type: 'delay', duration: 6 },
      followUp,
    ]);
    const worker = await s.startWorker();
    await publish(s.api, s.account, { type: 'order.killed', payload: { id: 'K1' } });
    await settledRun(s.api, s.account, workflow.id, ['waiting']);
    // The email is sent before the kill: a worker killed in the middle of an SMTP send is the email
    // outbox's case (its lease and sweeper), not this one.
    await waitFor(() => mailsTo('killed@example.com').length > 0, 'the email', 30_000);
    expect(await worker.stop('SIGKILL')).toBe('SIGKILL');
    expect((await settledRun(s.api, s.account, workflow.id, ['waiting'])).steps[1].status).toBe('waiting');
    await s.startWorker();
    const run = await settledRun(s.api, s.account, workflow.id);
    expect(run.status).toBe('succeeded');
    await waitFor(() => followUps('K1').length > 0, 'the event', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mailsTo('killed@example.com')).toHaveLength(1);
    expect(followUps('K1')).toHaveLength(1);
    expect(followUps('K1')[0]!.verified).toBe(true);
  });

  it('re-runs the email step of a worker killed right after its effect, and the sink still has one email', async () => {
    const workflow = await workflowOn('order.crashed', [email('crash@example.com'), followUp]);
    const worker = await s.startWorker({ WORKFLOW_TEST_CRASH_AFTER_STEP: 'send_email' });
    await publish(s.api, s.account, { type: 'order.crashed', payload: { id: 'C1' } });
    expect(await worker.exited).toBe('SIGKILL');
    await s.startWorker();
    const run = await settledRun(s.api, s.account, workflow.id);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].attempts).toBe(2);
    await waitFor(
      () => followUps('C1').length > 0 && mailsTo('crash@example.com').length > 0,
      'the email and the event',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mailsTo('crash@example.com')).toHaveLength(1);
    expect(followUps('C1')).toHaveLength(1);
  });

  it('starts the run of an event whose publisher died right after storing it: the relay fans it out', async () => {
    const workflow = await workflowOn('order.orphaned', [email('orphan@example.com')]);
    // The API stops for good where its triggers would fire, as a process killed there would.
    const triggers = s.api.app.get(EventTriggers, { strict: false });
    let resume!: () => void;
    const stopped = new Promise<void>((resolve) => (resume = resolve));
    const fire = jest.spyOn(triggers, 'fire').mockImplementation(async () => {
      await stopped;
      throw new Error('the publishing process died here');
    });
    const publishing = publish(s.api, s.account, { type: 'order.orphaned', payload: { id: 'O1' } });
    try {
      await waitFor(() => fire.mock.calls.length > 0, 'the publish to reach its triggers');
      await s.startWorker();
      const run = await settledRun(s.api, s.account, workflow.id, ['succeeded'], 60_000);
      expect(run.status).toBe('succeeded');
      await waitFor(() => mailsTo('orphan@example.com').length === 1, 'the email');
    } finally {
      fire.mockRestore();
      resume();
      await publishing;
    }
  });

  it('re-arms a waiting run after Redis was flushed, and completes it', async () => {
    const workflow = await workflowOn('order.flushed', [{ type: 'delay', duration: 2 }, email('flush@example.com')]);
    await s.startWorker();
    await publish(s.api, s.account, { type: 'order.flushed', payload: { id: 'F1' } });
    await settledRun(s.api, s.account, workflow.id, ['waiting']);
    const redis = new Redis(s.redis.url);
    await redis.flushall();
    await redis.quit();
    const run = await settledRun(s.api, s.account, workflow.id);
    expect(run.status).toBe('succeeded');
    await waitFor(() => mailsTo('flush@example.com').length === 1, 'the email');
  });
});
