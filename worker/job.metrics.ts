import type { Job, Worker } from 'bullmq';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '../src/metrics/registry.js';

const labelNames = ['queue', 'name'] as const;

const completed = new Counter({
  name: 'novapulse_queue_jobs_completed_total',
  help: 'Job runs that completed, by queue and job name.',
  labelNames,
  registers: [metricsRegistry],
});

const failed = new Counter({
  name: 'novapulse_queue_jobs_failed_total',
  help: 'Job runs that failed (each failed attempt counts, retried or not), by queue and job name.',
  labelNames,
  registers: [metricsRegistry],
});

const duration = new Histogram({
  name: 'novapulse_queue_job_duration_seconds',
  help: 'Time a job run took from being picked up to completing or failing, by queue and job name.',
  labelNames,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [metricsRegistry],
});

/** Counts and times every job a worker finishes; job names come from the typed job union, so they are few. */
export function recordJobMetrics(worker: Worker) {
  const observe = (job: Job, counter: Counter<(typeof labelNames)[number]>) => {
    const labels = { queue: worker.name, name: job.name };
    counter.inc(labels);
    // A failed attempt that will be retried has no finishedOn: it ended now.
    if (job.processedOn) duration.observe(labels, Math.max(0, (job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
  };
  worker.on('completed', (job) => observe(job, completed));
  worker.on('failed', (job) => job && observe(job, failed));
}
