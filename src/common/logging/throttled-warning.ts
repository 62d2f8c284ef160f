/**
 * A warning logged at most once per period: during an outage the same failure would otherwise be
 * logged once per request, event or delivery.
 */
export function throttledWarning(
  logger: { warn(fields: object): void },
  now: () => number,
  everyMs = 60_000,
): (fields: object) => void {
  let lastAt = -Infinity;
  return (fields) => {
    const at = now();
    if (at - lastAt < everyMs) return;
    lastAt = at;
    logger.warn(fields);
  };
}
