import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CLOCK, type Clock } from '../common/clock.js';
import { withinMs } from '../common/within-ms.js';
import { type JobEndWindows, readJobEnds } from '../queues/job-ends.js';
import { oldestWaitingAgeMs } from '../queues/oldest-waiting.js';
import { QueueRegistry } from './queue-registry.js';

export const QUEUE_STATS_BUDGET_MS = 1_000;
export const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const;
type Counts = Record<(typeof JOB_STATES)[number] | 'paused', number>;

export type QueueStats =
  | {
      available: true;
      /** `paused` counts the jobs held back by a pause (BullMQ 6 keeps them in the waiting list). */
      counts: Counts;
      paused: boolean;
      workers: number;
      /** Age of the oldest job waiting to be picked up; null when none waits. */
      oldestWaitingAgeMs: number | null;
      ended: JobEndWindows;
    }
  | { available: false; reason: string };

/**
 * Every queue read at once, each within its own budget: a slow or absent Redis marks that queue
 * unavailable instead of holding the answer up.
 */
@Injectable()
export class QueueStatsService {
  private readonly logger = new Logger(QueueStatsService.name);

  constructor(
    private readonly queues: QueueRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async stats(): Promise<{ generatedAt: string; queues: Record<string, QueueStats> }> {
    const read = await Promise.all(
      this.queues.all().map(async (queue) => {
        const stats = await withinMs(this.read(queue), QUEUE_STATS_BUDGET_MS, `queue ${queue.name}`).catch(
          (error: unknown): QueueStats => {
            this.logger.warn({ message: 'could not read queue statistics', queue: queue.name, error });
            return { available: false, reason: `Redis did not answer within ${QUEUE_STATS_BUDGET_MS} ms` };
          },
        );
        return [queue.name, stats] as const;
      }),
    );
    return { generatedAt: this.clock.now().toISOString(), queues: Object.fromEntries(read) };
  }

  private async read(queue: Queue): Promise<QueueStats> {
    const client = await queue.backend.client;
    if (client.status !== 'ready') return { available: false, reason: 'not connected to Redis' };
    const now = this.clock.now().getTime();
    const [counts, paused, workers, oldestWaiting, ended] = await Promise.all([
      queue.getJobCounts(...JOB_STATES),
      queue.isPaused(),
      queue.getWorkersCount(),
      oldestWaitingAgeMs(queue, now),
      readJobEnds(client, (type) => queue.toKey(type), now),
    ]);
    return {
      available: true,
      counts: {
        ...(Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as Counts),
        paused: paused ? (counts.waiting ?? 0) : 0,
      },
      paused,
      workers,
      oldestWaitingAgeMs: oldestWaiting,
      ended,
    };
  }
}
