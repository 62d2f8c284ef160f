/** The longest a delay step may wait. */
export const MAX_DELAY_SECONDS = 30 * 24 * 3_600;

const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Seconds in an ISO-8601 duration without years or months (`PT2S`, `P1DT12H`, `P2W`), whose length
 * does not depend on the calendar; null when it is not one.
 */
export function durationSeconds(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const match = ISO_DURATION.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return null;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  return (((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60 + seconds!;
}
