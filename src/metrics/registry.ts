import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/** One registry per process; every metric of NovaPulse registers here. */
export const metricsRegistry = new Registry();

// Process and Node.js runtime metrics (CPU, memory, event-loop lag, GC), unprefixed as exporters name them.
collectDefaultMetrics({ register: metricsRegistry });
// prom-client names these three gauges `_total`, which the naming guide keeps for counters; the
// same numbers remain by type in nodejs_active_handles, nodejs_active_requests and nodejs_active_resources.
for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
  metricsRegistry.removeSingleMetric(name);
}

/**
 * A counter of this registry with one label whose values are all known: each series starts at 0, so
 * rate() and alerts see the first increment.
 */
export function labelledCounter<L extends string>(options: {
  name: string;
  help: string;
  label: L;
  values: readonly string[];
}): Counter<L> {
  const counter = new Counter({
    name: options.name,
    help: options.help,
    labelNames: [options.label],
    registers: [metricsRegistry],
  });
  for (const value of options.values) counter.inc({ [options.label]: value } as Partial<Record<L, string>>, 0);
  return counter;
}
