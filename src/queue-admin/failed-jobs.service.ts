import { ConflictException, GatewayTimeoutException, Injectable, NotFoundException } from '@nestjs/common';
import type { Job, Queue, RedisClient } from 'bullmq';
import { withinMs } from '../common/within-ms.js';
import type { QueueName } from '../config/env.schema.js';
import { encodeFailedJobsCursor, type FailedJobsCursor } from './failed-jobs-cursor.js';
import { QueueRegistry } from './queue-registry.js';
import { QUEUE_STATS_BUDGET_MS } from './queue-stats.service.js';

export interface FailedJobView {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

/** The failed jobs of a queue and the one action on them an operator needs most: try again. */
@Injectable()
export class FailedJobsService {
  constructor(private readonly queues: QueueRegistry) {}

  async list(name: QueueName, limit: number, after?: FailedJobsCursor) {
    const queue = this.queues.get(name);
    // One more than asked tells whether another page exists.
    const entries = await this.redis(this.failedAfter(queue, limit + 1, after));
    const page = entries.slice(0, limit);
    // A job retried or removed since the set was read has no failed record left to show.
    const jobs = await this.redis(Promise.all(page.map((entry) => queue.getJob(entry.jobId))));
    const items = jobs.filter((job): job is Job => job !== undefined).map(view);
    const last = page.at(-1);
    return { items, nextCursor: entries.length > limit && last ? encodeFailedJobsCursor(last) : null };
  }

  /**
   * Up to `count` entries of the failed set after `cursor`, in the set's order reversed (newest
   * score first, then ids in descending byte order): the rest of the cursor's millisecond, then older ones.
   */
  private async failedAfter(queue: Queue, count: number, cursor?: FailedJobsCursor): Promise<FailedJobsCursor[]> {
    const client = await queue.backend.client;
    const read = async (newest: string, oldest: string, n: number) =>
      entriesOf(
        (await withScript(client).runCommand(READ_NEWEST.name, [queue.toKey('failed'), newest, oldest, n])) as string[],
      );
    if (!cursor) return read('+inf', '-inf', count);
    const score = String(cursor.failedAtMs);
    const after = Buffer.from(cursor.jobId);
    const tied = (await read(score, score, -1))
      .filter((entry) => Buffer.compare(Buffer.from(entry.jobId), after) < 0)
      .slice(0, count);
    if (tied.length === count) return tied;
    return [...tied, ...(await read(`(${score}`, '-inf', count - tied.length))];
  }

  async retry(name: QueueName, jobId: string): Promise<{ id: string; state: 'waiting' }> {
    const job = await this.redis(this.queues.get(name).getJob(jobId));
    if (!job) throw new NotFoundException({ message: `No job ${jobId} in the ${name} queue` });
    const state = await this.redis(job.getState());
    if (state !== 'failed') throw new ConflictException({ message: `The job is ${state}, not failed` });
    // Of two retries at once BullMQ's script lets one through; the other finds the job moved on.
    await this.redis(job.retry('failed')).catch((error: unknown) => {
      if (error instanceof Error && /is not in the failed state|Missing key/.test(error.message))
        throw new ConflictException({ message: 'The job is no longer failed' });
      throw error;
    });
    return { id: jobId, state: 'waiting' };
  }

  private redis<T>(work: Promise<T>): Promise<T> {
    return withinMs(work, QUEUE_STATS_BUDGET_MS * 2, 'Redis').catch((error: unknown) => {
      if (error instanceof Error && error.message.includes('did not answer'))
        throw new GatewayTimeoutException({ message: 'The queue store did not answer in time' });
      throw error;
    });
  }
}

function view(job: Job): FailedJobView {
  return {
    id: job.id ?? '',
    name: job.name,
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

// A script, since BullMQ's client abstraction has no ZRANGE BYSCORE.
const READ_NEWEST = {
  name: 'npReadNewestByScore',
  numberOfKeys: 1,
  readOnly: true,
  lua: "return redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'BYSCORE', 'REV', 'LIMIT', 0, ARGV[3], 'WITHSCORES')",
};

const defined = new WeakSet<RedisClient>();
function withScript(client: RedisClient): RedisClient {
  if (!defined.has(client)) {
    const { name, ...definition } = READ_NEWEST;
    client.defineCommand(name, definition);
    defined.add(client);
  }
  return client;
}

/** A `WITHSCORES` reply (member, score, member, score…) as cursor positions. */
function entriesOf(reply: string[]): FailedJobsCursor[] {
  const entries: FailedJobsCursor[] = [];
  for (let i = 0; i < reply.length; i += 2) entries.push({ jobId: reply[i]!, failedAtMs: Number(reply[i + 1]) });
  return entries;
}
