/** How the console writes times, durations and ratios. Pure: no DOM, so unit tests run it in Node. */

const UNITS = [
  { ms: 86_400_000, label: 'd' },
  { ms: 3_600_000, label: 'h' },
  { ms: 60_000, label: 'min' },
  { ms: 1_000, label: 's' },
] as const;

/** `850 ms`, `12 s`, `3 min 4 s`, `2 h 5 min`, `3 d 4 h`: the two largest units, enough to compare at a glance. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  const first = UNITS.findIndex((unit) => ms >= unit.ms);
  const major = UNITS[first]!;
  const count = Math.floor(ms / major.ms);
  const minor = UNITS[first + 1];
  const rest = minor ? Math.floor((ms - count * major.ms) / minor.ms) : 0;
  return rest > 0 ? `${count} ${major.label} ${rest} ${minor!.label}` : `${count} ${major.label}`;
}

/** `12.5 %`; `–` when there is nothing to divide (no jobs ended, no attempts made). */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '–';
  const percent = ratio * 100;
  return `${percent === 100 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)} %`;
}

/** A date-time in the reader's own locale and time zone; `–` for none. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '–' : date.toLocaleString();
}

/** `1.2 KB`, `7.0 MB`: a file's size for a person. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '–';
  if (bytes < 1_000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1_000;
  let unit = 0;
  while (value >= 1_000 && unit < units.length - 1) {
    value /= 1_000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** The pill a run's, step's or report's status is shown in: done, failed, under way, or neither. */
export function statusPill(status: string): string {
  if (status === 'succeeded' || status === 'completed') return 'np-pill np-pill-good';
  if (status === 'failed') return 'np-pill np-pill-bad';
  if (status === 'running' || status === 'waiting' || status === 'queued') return 'np-pill np-pill-busy';
  return 'np-pill';
}
