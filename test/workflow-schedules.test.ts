import { Queue } from 'bullmq';
import mongoose from 'mongoose';
import { freePort } from '../scripts/lib/services.mjs';
import { waitFor } from './support/test-env.js';
import { createWorkflow, runsOf, withWorkflowStack, type WorkflowTestStack } from './support/workflow-stack.js';

const DAY_MS = 24 * 3_600_000;

describe('workflow schedules and the maintenance schedule (two worker processes, private Redis)', () => {
  let s: WorkflowTestStack;
  let queue: Queue;
  withWorkflowStack((stack) => (s = stack));

  beforeAll(() => {
    queue = new Queue('workflow', { connection: { url: s.redis.url }, prefix: s.env.QUEUE_PREFIX });
  });
  afterAll(async () => {
    await queue?.close();
  });

  const schedulers = async () => (await queue.getJobSchedulers()).map((scheduler) => scheduler.key);
  const auth = () => ({ token: s.account.accessToken, headers: { 'x-org-id': s.account.orgId } });

  it('fires a schedule every second into runs keyed by fire time; two workers reconciling leave one scheduler', async () => {
    const workflow = await createWorkflow(s.api, s.account, {
      name: 'Every second',
      trigger: { type: 'schedule', cron: '* * * * * *', timeZone: 'UTC' },
      steps: [{ type: 'condition', when: { field: 'event.type', op: 'eq', value: 'schedule' } }],
    });
    // Both start together, so their first reconcile passes meet.
    await Promise.all([
      s.startWorker({ WORKER_PORT: String(await freePort()) }),
      s.startWorker({ WORKER_PORT: String(await freePort()) }),
    ]);
    const runs = await waitFor(async () => {
      const page = await runsOf(s.api, s.account, workflow.id, '?status=succeeded');
      return page.body.items.length >= 3 ? (page.body.items as { trigger: string; input: { data: unknown } }[]) : null;
    }, 'three scheduled runs');
    const times = runs.map((run) => Number(run.trigger.replace('schedule:', '')));
    expect(new Set(times).size).toBe(runs.length);
    for (const time of times) expect(time % 1_000).toBe(0);
    expect(runs[0]!.input.data).toEqual({ firedAt: new Date(times[0]!).toISOString() });

    const id = `workflow-${workflow.id}`;
    expect((await schedulers()).filter((key) => key === id)).toHaveLength(1);
    expect((await schedulers()).filter((key) => key === 'maintenance-retention')).toHaveLength(1);
    const pending = await queue.getJobs(['delayed', 'waiting']);
    expect(pending.filter((job) => job.id?.startsWith(`repeat:${id}:`)).length).toBeLessThanOrEqual(1);

    // A scheduler lost from Redis is put back; one whose workflow is disabled is removed.
    await queue.removeJobScheduler(id);
    await waitFor(async () => (await schedulers()).includes(id), 'the scheduler to be put back');
    await s.api.request('PATCH', `/workflows/${workflow.id}`, { ...auth(), body: { enabled: false } });
    await waitFor(async () => !(await schedulers()).includes(id), 'the scheduler to be removed');
  });

  it('starts one run for a firing delivered twice', async () => {
    const workflow = await createWorkflow(s.api, s.account, {
      name: 'Daily',
      trigger: { type: 'schedule', cron: '0 9 * * *', timeZone: 'Europe/Paris' },
      steps: [{ type: 'condition', when: { field: 'event.type', op: 'exists' } }],
    });
    const fireTime = Date.UTC(2026, 0, 5, 8);
    for (const jobId of ['twice-1', 'twice-2'])
      await queue.add('fire', { workflowId: workflow.id }, { jobId, prevMillis: fireTime });
    await waitFor(
      async () => (await queue.getJobs(['completed'])).filter((j) => j.id?.startsWith('twice-')).length === 2,
      'both firings',
    );
    const page = await runsOf(s.api, s.account, workflow.id);
    expect(page.body.items.map((run: { trigger: string }) => run.trigger)).toEqual([`schedule:${fireTime}`]);
  });

  it('removes what outlived its retention, and keeps the rest', async () => {
    const old = new Date(Date.now() - 400 * DAY_MS);
    const recent = new Date();
    const orgId = new mongoose.Types.ObjectId(s.account.orgId);
    await s.db.collection('webhook_attempts').insertMany([
      { orgId, createdAt: old },
      { orgId, createdAt: recent },
    ]);
    await s.db.collection('email_messages').insertMany([
      { to: 'old@example.com', status: 'sent', sentAt: old },
      { to: 'queued@example.com', status: 'queued', sentAt: null, createdAt: old },
    ]);
    await s.db.collection('workflow_runs').insertMany([
      { orgId, status: 'succeeded', endedAt: old, triggerKey: 'old' },
      { orgId, status: 'waiting', endedAt: null, triggerKey: 'live' },
    ]);
    await s.db.collection('sessions').insertMany([{ expiresAt: old }, { expiresAt: new Date(Date.now() + DAY_MS) }]);
    await s.db.collection('invitations').insertMany([{ acceptedAt: null, expiresAt: old }]);
    await s.db.collection('event_idempotency_keys').insertMany([{ _id: 'x:old' as never, expiresAt: old }]);

    const job = await queue.add('maintenance', {});
    await waitFor(async () => (await queue.getJob(job.id!))?.returnvalue, 'the clean-up');
    expect((await queue.getJob(job.id!))!.returnvalue).toMatchObject({
      webhookAttempts: 1,
      sentEmails: 1,
      workflowRuns: 1,
      sessions: 1,
      invitations: 1,
      idempotencyKeys: 1,
    });
    expect(await s.db.collection('email_messages').countDocuments({ to: 'queued@example.com' })).toBe(1);
    expect(await s.db.collection('workflow_runs').countDocuments({ triggerKey: 'live' })).toBe(1);
  });
});
