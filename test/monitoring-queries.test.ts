import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { runApiAndWorker, type RunningProcess } from '../scripts/lib/processes.mjs';
import { freePort } from '../scripts/lib/services.mjs';
import { type RunningPrometheus, startPrometheus } from './support/prometheus.js';
import { exposedNames, metricNames, shippedQueries } from './support/promql.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

const queries = shippedQueries();

it('metricNames finds the metrics of an expression, not its functions, labels or keywords', () => {
  expect(
    metricNames(
      'histogram_quantile(0.99, sum by (route, le) (rate(a_bucket{job="x",route!="y"}[5m]))) > 1 unless on (queue) b_total offset 1m and bool up',
    ),
  ).toEqual(['a_bucket', 'b_total', 'up']);
});

describe('the PromQL the project ships, against a running API and worker and a real Prometheus', () => {
  const token = randomBytes(24).toString('base64url');
  let api: RunningProcess;
  let worker: RunningProcess;
  let apiUrl: string;
  let workerUrl: string;
  let prometheus: RunningPrometheus;
  let exposed: Set<string>;

  beforeAll(async () => {
    const [port, workerPort] = [await freePort(), await freePort()];
    const env = isolatedEnv({ PORT: String(port), WORKER_PORT: String(workerPort), METRICS_BEARER_TOKEN: token });
    ({ api, worker, apiUrl, workerUrl } = await runApiAndWorker(env));
    const scrape = async (url: string) => (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
    exposed = new Set([
      ...exposedNames(await scrape(`${apiUrl}/metrics`)),
      ...exposedNames(await scrape(`${workerUrl}/metrics`)),
    ]);
    prometheus = await startPrometheus([
      { job: 'api', address: `127.0.0.1:${port}`, metricsPath: '/api/v1/metrics', bearerToken: token },
      { job: 'worker', address: `127.0.0.1:${workerPort}`, metricsPath: '/metrics', bearerToken: token },
    ]);
  });

  afterAll(async () => {
    await Promise.all([prometheus?.stop(), api?.stop(), worker?.stop()]);
  });

  it('covers the rules, the dashboard and the scalers', () => {
    const places = new Set(queries.map((q) => q.where.split(' ')[0]));
    expect([...places].sort()).toEqual(['ScaledObject', 'alert', 'panel']);
  });

  it('names only metrics that the API or the worker expose (or up, which Prometheus adds)', () => {
    const missing = queries.flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((name) => name !== 'up' && !exposed.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(missing).toEqual([]);
    expect(queries.every(({ expr }) => metricNames(expr).length > 0)).toBe(true);
  });

  it('is valid PromQL that Prometheus evaluates once it has scraped both processes', async () => {
    await waitFor(async () => (await prometheus.query('up == 1')).length === 2, 'both targets scraped', 20_000);
    const failures: string[] = [];
    for (const { where, expr } of queries) {
      const query = expr.replaceAll('$__rate_interval', '1m');
      const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}`);
      const body = (await response.json()) as { status: string; error?: string };
      if (body.status !== 'success') failures.push(`${where}: ${body.error}`);
    }
    expect(failures).toEqual([]);
  });

  it('finds no alert condition true while both processes are healthy', async () => {
    await waitFor(async () => (await prometheus.query('up == 1')).length === 2, 'both targets scraped', 20_000);
    const firing: string[] = [];
    for (const { where, expr } of queries.filter((q) => q.where.startsWith('alert ')))
      if ((await prometheus.query(expr)).length > 0) firing.push(where);
    expect(firing).toEqual([]);
  });

  it('probes the health routes the k8s manifests and compose health checks name, and each answers 200', async () => {
    const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    const paths = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [key, value] of Object.entries(node)) {
          if (key === 'httpGet') paths.add((value as { path: string }).path);
          else walk(value);
        }
    };
    for (const file of ['api', 'worker-email', 'worker-webhook', 'worker-workflow-report'])
      for (const doc of parseAllDocuments(read(`k8s/${file}-deployment.yaml`))) walk(doc.toJS());
    for (const [, path] of read('docker-compose.yml').matchAll(/fetch\('http:\/\/127\.0\.0\.1:\d+(\/[^']*)'\)/g))
      paths.add(path);
    expect([...paths].sort()).toEqual(['/api/v1/health/live', '/api/v1/health/ready', '/health/live', '/health/ready']);
    for (const path of paths) {
      const base = path.startsWith('/api/v1/') ? apiUrl.replace(/\/api\/v1$/, '') : workerUrl;
      expect([path, (await fetch(`${base}${path}`)).status]).toEqual([path, 200]);
    }
  });
});
