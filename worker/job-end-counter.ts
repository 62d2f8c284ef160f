import { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { bucketOf, countJobEnds as addJobEnds } from '../src/queues/job-ends.js';

const logger = new Logger('JobEndCounter');

/**
 * Ends are summed in the process and written once per this long: one script call a second instead of
 * one per job (three Redis commands each). The queue statistics lag by as much; a worker killed
 * outright loses at most this long's count.
 */
const FLUSH_MS = 1_000;

/** Feeds the API's queue statistics: every completed or failed job run, counted in Redis. */
export function countJobEnds(worker: Worker) {
  /** Per 10-second bucket: [completed, failed]. */
  const pending = new Map<number, [number, number]>();
  let timer: NodeJS.Timeout | undefined;
  let closing = false;

  const flush = () => {
    timer = undefined;
    const buckets = [...pending.entries()];
    pending.clear();
    for (const [bucket, [completed, failed]] of buckets) {
      void worker.backend.client
        .then((client) => addJobEnds(client, (type) => worker.toKey(type), bucket, { completed, failed }))
        .catch((error: unknown) => logger.warn({ message: 'could not count job ends', queue: worker.name, error }));
    }
  };
  const count = (index: 0 | 1) => {
    const bucket = bucketOf(Date.now());
    const counts = pending.get(bucket) ?? [0, 0];
    counts[index]++;
    pending.set(bucket, counts);
    // Once closing, each end is written at once: the connection is about to go.
    if (closing) flush();
    else timer ??= setTimeout(flush, FLUSH_MS).unref();
  };
  worker.on('completed', () => count(0));
  worker.on('failed', () => count(1));
  worker.on('closing', () => {
    closing = true;
    clearTimeout(timer);
    flush();
  });
}
