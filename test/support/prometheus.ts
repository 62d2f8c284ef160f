import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/services.mjs';
import { waitFor } from './test-env.js';

/** `promtool check metrics` (Debian's prometheus package): its exit status and whatever it complained about. */
export function promtoolCheck(exposition: string): { status: number | null; problems: string } {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: result.status, problems: `${result.stdout}${result.stderr}`.trim() };
}

export interface ScrapeTarget {
  job: string;
  address: string;
  metricsPath: string;
  bearerToken?: string;
}

export interface RunningPrometheus {
  url: string;
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

/** A real Prometheus with its own config and data directory, scraping the targets every second. */
export async function startPrometheus(targets: ScrapeTarget[]): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'novapulse-prometheus-'));
  const config = {
    global: { scrape_interval: '1s', scrape_timeout: '1s' },
    scrape_configs: targets.map((t) => ({
      job_name: t.job,
      metrics_path: t.metricsPath,
      ...(t.bearerToken ? { authorization: { credentials: t.bearerToken } } : {}),
      static_configs: [{ targets: [t.address] }],
    })),
  };
  // JSON is YAML, which is what Prometheus reads.
  writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config));
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited:\n${output}`);
      return (await fetch(`${url}/-/ready`).catch(() => undefined))?.status === 200;
    },
    'prometheus to be ready',
    20_000,
  );
  return {
    url,
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return body.data.result;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The value of one series (`name{label="…"}`, exactly as exposed) in a scrape, or `missing` when absent. */
export function sample(exposition: string, series: string, missing = Number.NaN): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : missing;
}
