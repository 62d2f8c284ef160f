import { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { countJobEnd, type JobEnd } from '../src/queues/job-ends.js';

const logger = new Logger('JobEndCounter');

/** Feeds the API's queue statistics: every completed or failed job run, counted in Redis. */
export function countJobEnds(worker: Worker) {
  const count = (end: JobEnd) => {
    void worker.backend.client
      .then((client) => countJobEnd(client, (type) => worker.toKey(type), end, Date.now()))
      .catch((error: unknown) => logger.warn({ message: 'could not count a job end', queue: worker.name, error }));
  };
  worker.on('completed', () => count('completed'));
  worker.on('failed', () => count('failed'));
}
