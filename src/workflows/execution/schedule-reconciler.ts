import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { PeriodicTask } from '../../common/periodic-task.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { JobOf } from '../../queues/jobs.js';
import { REDIS } from '../../redis/redis.module.js';
import { WorkflowsRepository } from '../workflows.repository.js';

/** Scheduler ids: one per scheduled workflow, plus the platform's maintenance. */
export const workflowSchedulerId = (workflowId: string) => `workflow-${workflowId}`;
export const MAINTENANCE_SCHEDULER_ID = 'maintenance-retention';

const LOCK_TTL_MS = 30_000;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

interface Desired {
  pattern: string;
  tz: string;
  job: JobOf<'workflow'>;
}

/**
 * Keeps BullMQ's job schedulers equal to the schedules stored in Mongo (and the maintenance one). One
 * pass at a time across all workers, under a Redis lock: BullMQ's scheduler upserts racing each other can
 * leave a scheduler doubled or dropped. A scheduler already as wanted is not touched.
 */
@Injectable()
export class ScheduleReconciler extends PeriodicTask {
  constructor(
    private readonly workflows: WorkflowsRepository,
    @InjectQueue('workflow') private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(config.workflows.sweepEveryMs, 'workflow schedule reconcile failed');
  }

  protected pass() {
    return this.reconcile();
  }

  /** The number of schedulers added, changed or removed; null when another worker held the lock. */
  async reconcile(): Promise<number | null> {
    const lock = `${this.config.queues.prefix}:workflow-schedules:lock`;
    const token = randomUUID();
    if ((await this.redis.set(lock, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') return null;
    try {
      return await this.apply(await this.desired());
    } finally {
      await this.redis.eval(RELEASE, 1, lock, token);
    }
  }

  private async desired(): Promise<Map<string, Desired>> {
    const wanted = new Map<string, Desired>();
    const { cron, timeZone } = this.config.workflows.maintenance;
    wanted.set(MAINTENANCE_SCHEDULER_ID, {
      pattern: cron,
      tz: timeZone,
      job: { queue: 'workflow', name: 'maintenance', data: {} },
    });
    for (const workflow of await this.workflows.scheduled()) {
      if (!workflow.enabled || workflow.trigger.type !== 'schedule') continue;
      const workflowId = workflow._id.toHexString();
      wanted.set(workflowSchedulerId(workflowId), {
        pattern: workflow.trigger.cron,
        tz: workflow.trigger.timeZone,
        job: { queue: 'workflow', name: 'fire', data: { workflowId } },
      });
    }
    return wanted;
  }

  private async apply(wanted: Map<string, Desired>): Promise<number> {
    const existing = new Map((await this.queue.getJobSchedulers()).map((s) => [s.key, s]));
    let changes = 0;
    for (const [id, want] of wanted) {
      const have = existing.get(id);
      if (have && have.pattern === want.pattern && (have.tz ?? 'UTC') === want.tz) continue;
      await this.queue.upsertJobScheduler(
        id,
        { pattern: want.pattern, tz: want.tz },
        { name: want.job.name, data: want.job.data },
      );
      changes++;
    }
    for (const id of existing.keys()) {
      if (wanted.has(id) || !(id.startsWith('workflow-') || id === MAINTENANCE_SCHEDULER_ID)) continue;
      await this.queue.removeJobScheduler(id);
      changes++;
    }
    if (changes) this.logger.log({ message: 'workflow schedules reconciled', changes });
    return changes;
  }
}
