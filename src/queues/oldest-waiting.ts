import type { Queue } from 'bullmq';

/**
 * How long the job at the head of the wait list (the next one a worker takes) has waited, in ms; null
 * when none waits. Delayed and prioritized jobs are not counted: they are not waiting to be picked up
 * in turn. `queue/stats` and the `novapulse_queue_oldest_waiting_age_seconds` gauge both read it here.
 */
export async function oldestWaitingAgeMs(queue: Queue, nowMs: number): Promise<number | null> {
  const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
  return oldest ? Math.max(0, nowMs - oldest.timestamp) : null;
}
