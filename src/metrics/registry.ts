import { Registry } from 'prom-client';

/** One registry per process; every metric of NovaPulse registers here. */
export const metricsRegistry = new Registry();
