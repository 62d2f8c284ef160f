/**
 * `<input type="datetime-local">` holds a wall-clock time without a zone (`2026-11-30T08:15`); the API
 * takes ISO 8601 instants. The reader means their own zone, so the conversions go through `Date`.
 */

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** The instant a datetime-local value names in the browser's zone, as ISO 8601; null if it is not one. */
export function localInputToIso(value: string): string | null {
  const trimmed = value.trim();
  if (!LOCAL_INPUT.test(trimmed)) return null;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A datetime-local value (minutes precision) for an instant, in the browser's zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}
