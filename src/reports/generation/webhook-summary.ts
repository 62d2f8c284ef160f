/**
 * Per-endpoint delivery statistics, computed here rather than in the store (FerretDB has no $avg,
 * $min or $max in $group). Memory grows with the endpoints and their attempt durations, not with the
 * attempt documents themselves.
 */
export async function summarize(
  attempts: AsyncIterable<{ endpointId: { toHexString(): string }; outcome: string; durationMs: number }>,
  failureOutcomes: readonly string[],
): Promise<Record<string, unknown>[]> {
  const byEndpoint = new Map<string, { durations: number[]; failures: Map<string, number> }>();
  for await (const attempt of attempts) {
    const id = attempt.endpointId.toHexString();
    let entry = byEndpoint.get(id);
    if (!entry) byEndpoint.set(id, (entry = { durations: [], failures: new Map() }));
    entry.durations.push(attempt.durationMs);
    if (attempt.outcome !== 'success')
      entry.failures.set(attempt.outcome, (entry.failures.get(attempt.outcome) ?? 0) + 1);
  }
  return [...byEndpoint.entries()].map(([endpointId, { durations, failures }]) => {
    const sorted = Float64Array.from(durations).sort();
    const failed = [...failures.values()].reduce((sum, n) => sum + n, 0);
    return {
      endpointId,
      attempts: sorted.length,
      successRate: Number(((sorted.length - failed) / sorted.length).toFixed(4)),
      p50DurationMs: percentile(sorted, 0.5),
      p95DurationMs: percentile(sorted, 0.95),
      ...Object.fromEntries(failureOutcomes.map((o) => [`failed_${o}`, failures.get(o) ?? 0])),
    };
  });
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}
