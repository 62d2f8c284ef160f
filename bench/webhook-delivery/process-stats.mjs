// What a process spent, read from /proc: CPU time (user + system) and its peak resident memory.
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat, is 100 on every usual build. */
const TICK_MS = 10;

/** @param {number} pid @returns {number} CPU milliseconds used so far */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields are counted from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** @param {number} pid @returns {number} peak resident set size so far, in MB */
export function peakRssMb(pid) {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * Redis commands run since the last reset, by name, from INFO commandstats, leaving out the bench's own.
 * @param {import('ioredis').Redis} redis @returns {Promise<Map<string, number>>}
 */
export async function redisCommands(redis) {
  const info = await redis.info('commandstats');
  const counts = new Map();
  for (const [, name, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (name !== 'info' && !name.startsWith('config')) counts.set(name, Number(calls));
  }
  return counts;
}
