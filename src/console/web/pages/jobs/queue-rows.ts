import { formatDuration, formatPercent } from '../shared/format.js';

/** `GET /queue/stats`, as src/queue-admin/queue-stats.service.ts answers it. */
export interface JobEndWindow {
  completed: number;
  failed: number;
  failureRate: number;
}

export type QueueStats =
  | {
      available: true;
      counts: Record<
        'waiting' | 'active' | 'delayed' | 'prioritized' | 'waiting-children' | 'failed' | 'completed' | 'paused',
        number
      >;
      paused: boolean;
      workers: number;
      oldestWaitingAgeMs: number | null;
      ended: Record<'last1m' | 'last5m' | 'last15m' | 'last60m', JobEndWindow>;
    }
  | { available: false; reason: string };

export interface QueueStatsAnswer {
  generatedAt: string;
  queues: Record<string, QueueStats>;
}

/** The queues NovaPulse runs, in the order the table shows them (QUEUE_NAMES in the config schema). */
export const QUEUE_NAMES = ['email', 'webhook', 'workflow', 'report'] as const;

export type QueueRow =
  | {
      name: string;
      available: true;
      waiting: number;
      active: number;
      delayed: number;
      failed: number;
      completed: number;
      workers: number;
      paused: boolean;
      oldestWaiting: string;
      /** Jobs ended a minute, over the last 5 minutes. */
      throughput: string;
      failureRate: string;
    }
  | { name: string; available: false; reason: string };

/** Waiting includes prioritized jobs: both are ready to run and only wait for a worker. */
export function queueRows(answer: QueueStatsAnswer): QueueRow[] {
  const known = QUEUE_NAMES.filter((name) => name in answer.queues);
  const others = Object.keys(answer.queues).filter((name) => !(QUEUE_NAMES as readonly string[]).includes(name));
  return [...known, ...others].map((name): QueueRow => {
    const stats = answer.queues[name]!;
    if (!stats.available) return { name, available: false, reason: stats.reason };
    const window = stats.ended.last5m;
    const ended = window.completed + window.failed;
    return {
      name,
      available: true,
      waiting: stats.counts.waiting + stats.counts.prioritized,
      active: stats.counts.active,
      delayed: stats.counts.delayed,
      failed: stats.counts.failed,
      completed: stats.counts.completed,
      workers: stats.workers,
      paused: stats.paused,
      oldestWaiting: stats.oldestWaitingAgeMs === null ? '–' : formatDuration(stats.oldestWaitingAgeMs),
      throughput: `${formatPerMinute(ended / 5)}/min`,
      failureRate: formatPercent(ended === 0 ? null : window.failureRate),
    };
  });
}

function formatPerMinute(rate: number): string {
  return rate >= 10 || Number.isInteger(rate) ? String(Math.round(rate)) : rate.toFixed(1);
}
