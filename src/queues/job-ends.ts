import type { RedisClient } from 'bullmq';

/**
 * Jobs completed and failed per queue, counted by the workers into 10-second buckets in Redis, so the
 * API can answer "how many in the last minute" from the first minute on (BullMQ's own per-minute
 * metrics only fill in once a minute has passed) and across every worker process.
 */
export const JOB_END_BUCKET_MS = 10_000;
export const JOB_END_WINDOWS_MINUTES = [1, 5, 15, 60] as const;
const LONGEST_WINDOW_MS = 60 * 60_000;

export type JobEnd = 'completed' | 'failed';

export interface JobEndWindow {
  completed: number;
  failed: number;
  /** failed ÷ (completed + failed), 0 when nothing ended. */
  failureRate: number;
}

export type JobEndWindows = Record<`last${(typeof JOB_END_WINDOWS_MINUTES)[number]}m`, JobEndWindow>;

/** `toKey` is the queue's own (BullMQ's `toKey`), which keeps the keys in the queue's hash slot. */
type KeyOf = (type: string) => string;

export const bucketOf = (ms: number) => Math.floor(ms / JOB_END_BUCKET_MS);
const bucketKey = (toKey: KeyOf, bucket: number) => toKey(`np-job-ends:${bucket}`);

// Scripts, since BullMQ's client abstraction offers no HINCRBY; every key shares the queue's hash tag.
const COUNT = {
  name: 'npCountJobEnds',
  numberOfKeys: 1,
  lua: `for i, field in ipairs({ 'completed', 'failed' }) do
  if tonumber(ARGV[i]) > 0 then redis.call('HINCRBY', KEYS[1], field, ARGV[i]) end
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`,
};
const READ = {
  name: 'npReadJobEnds',
  numberOfKeys: LONGEST_WINDOW_MS / JOB_END_BUCKET_MS,
  readOnly: true,
  lua: `local out = {}
for i, key in ipairs(KEYS) do
  local c = redis.call('HMGET', key, 'completed', 'failed')
  out[2 * i - 1] = tonumber(c[1]) or 0
  out[2 * i] = tonumber(c[2]) or 0
end
return out`,
};

const defined = new WeakSet<RedisClient>();
function withScripts(client: RedisClient): RedisClient {
  if (!defined.has(client)) {
    for (const { name, ...definition } of [COUNT, READ]) client.defineCommand(name, definition);
    defined.add(client);
  }
  return client;
}

/** Adds job ends counted in one bucket (`bucketOf` their end times), in one script call. */
export async function countJobEnds(
  client: RedisClient,
  toKey: KeyOf,
  bucket: number,
  ends: Record<JobEnd, number>,
): Promise<void> {
  const key = bucketKey(toKey, bucket);
  const ttlMs = LONGEST_WINDOW_MS + 2 * JOB_END_BUCKET_MS;
  await withScripts(client).runCommand(COUNT.name, [key, ends.completed, ends.failed, ttlMs]);
}

/** One round trip: every bucket of the last hour, summed per window (each window includes the current bucket). */
export async function readJobEnds(client: RedisClient, toKey: KeyOf, nowMs: number): Promise<JobEndWindows> {
  const current = bucketOf(nowMs);
  const keys = Array.from({ length: READ.numberOfKeys }, (_, age) => bucketKey(toKey, current - age));
  const flat = (await withScripts(client).runCommand(READ.name, keys)) as number[];
  return Object.fromEntries(
    JOB_END_WINDOWS_MINUTES.map((minutes) => {
      let [completed, failed] = [0, 0];
      for (let age = 0; age < (minutes * 60_000) / JOB_END_BUCKET_MS; age++) {
        completed += flat[2 * age] ?? 0;
        failed += flat[2 * age + 1] ?? 0;
      }
      const failureRate = completed + failed ? failed / (completed + failed) : 0;
      return [`last${minutes}m`, { completed, failed, failureRate }];
    }),
  ) as JobEndWindows;
}
