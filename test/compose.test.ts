import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { parse } from 'yaml';
import { composeValidator } from './support/compose-schema.js';
import { nodeFlagsOf } from './support/k8s-manifests.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown };
  volumes?: string[];
}

// Compose resolves `<<: *anchor` merge keys; the yaml package only does so when asked.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const { services } = compose;
const { mongo, redis, api, prometheus, grafana } = services;
const workers = Object.entries(services).filter(([name]) => name.startsWith('worker-'));
const apps = [['api', api] as const, ...workers];
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const commandLine = (service: Service) => [service.command ?? []].flat().join(' ');
/** host path (relative to the repository) → container path, for each bind mount of a service */
const mounts = (service: Service) =>
  Object.fromEntries(
    (service.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => [v.split(':')[0].slice(2), v.split(':')[1]]),
  );

describe('docker-compose.yml', () => {
  it('is a valid Compose file by the Compose Specification schema, which refuses a misspelt key', () => {
    const problems = composeValidator();
    expect(problems(compose)).toEqual([]);
    const misspelt = parse(read('docker-compose.yml').replace('stop_grace_period: 30s', 'stop_grace_periode: 30s'), {
      merge: true,
    }) as unknown;
    // The first one is in the workers' shared block: each worker has it.
    expect(problems(misspelt)).toEqual(
      workers.map(([name]) => expect.stringMatching(`^/services/${name} .*"additionalProperty":"stop_grace_periode"`)),
    );
  });

  it('runs Mongo 7 as a single-node replica set, initiated by its health check', () => {
    expect(mongo?.image).toMatch(/^mongo:7/);
    expect(commandLine(mongo)).toContain('--replSet rs0');
    expect(JSON.stringify(mongo.healthcheck?.test)).toContain("rs.initiate({ _id: 'rs0'");
    expect(JSON.stringify(mongo.healthcheck?.test)).toContain('isWritablePrimary');
    for (const [, service] of apps) expect(service.environment?.MONGO_URI).toMatch(/[?&]replicaSet=rs0\b/);
  });

  it('runs Redis 7 configured for BullMQ (noeviction, AOF)', () => {
    expect(redis?.image).toMatch(/^redis:7/);
    expect(commandLine(redis)).toContain('noeviction');
    expect(commandLine(redis)).toContain('appendonly yes');
  });

  it('pins every image to a version, never latest', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      expect([name, service.image]).toEqual([name, expect.stringMatching(/^[\w./-]+:[\w.-]+$/)]);
      expect(service.image).not.toMatch(/:latest$/);
    }
  });

  it('gives every service a health check, except the two distroless tracing images', () => {
    const without = Object.entries(services).filter(([, s]) => s.healthcheck?.test === undefined);
    expect(without.map(([name]) => name).sort()).toEqual(['jaeger', 'otel-collector']);
  });

  it('has health check scripts that are valid JavaScript (mongosh and node)', () => {
    for (const service of [mongo, api, ...workers.map(([, worker]) => worker)]) {
      const test = service.healthcheck?.test as string[];
      const flag = test.findIndex((arg) => arg === '--eval' || arg === '-e');
      expect(flag).toBeGreaterThan(0);
      // Compiled, not run.
      expect(() => new Script(test[flag + 1])).not.toThrow();
    }
  });

  it('runs one worker per queue group, each consuming only its queues', () => {
    expect(Object.fromEntries(workers.map(([name, s]) => [name, s.environment?.WORKER_QUEUES]))).toEqual({
      'worker-webhook': 'webhook',
      'worker-email': 'email',
      'worker-workflow-report': 'workflow,report',
    });
  });

  it.each(apps)('starts %s only once Mongo, Redis and Mailpit are healthy, tracing to the collector', (_, service) => {
    expect(service.depends_on).toMatchObject({
      mongo: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      mailpit: { condition: 'service_healthy' },
    });
    expect(service.environment?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
  });

  it('runs the same entry points as the npm scripts', () => {
    expect(scripts['start:prod']).toBe(
      'node --max-semi-space-size=8 --import ./dist/src/tracing/instrumentation.js dist/src/main.js',
    );
    expect(commandLine(api)).toBe(scripts['start:prod']);
    // The workflow+report group adds its heap cap, checked below.
    for (const [, worker] of workers)
      expect(commandLine(worker).replace(/ --max-old-space-size=\d+/, '')).toBe(scripts['start:worker']);
  });

  it("caps the workflow+report worker's old generation as its Kubernetes Deployment does", () => {
    const flags = nodeFlagsOf('novapulse-worker-workflow-report');
    expect(flags).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
    expect(commandLine(services['worker-workflow-report']!)).toBe(
      ['node', ...flags, '--import', './dist/src/tracing/instrumentation.js', 'dist/worker/main.js'].join(' '),
    );
  });

  it('documents every variable it sets in .env.example', () => {
    const documented = read('.env.example')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('=')[0].trim());
    const used = new Set(apps.flatMap(([, service]) => Object.keys(service.environment ?? {})));
    expect([...used].filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('loads the alert rules into a Prometheus that scrapes the API and every worker (promtool check config)', () => {
    const config = parse(read('docker/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const mounted = mounts(prometheus);
    expect(config.rule_files).toEqual([mounted['docker/prometheus/alerts.yml']]);
    expect(mounted['docker/prometheus/prometheus.yml']).toBe('/etc/prometheus/prometheus.yml');
    const targets = config.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((c) => c.targets.map((t) => `${job.metrics_path} ${t}`)),
    );
    expect(targets.sort()).toEqual(
      ['/api/v1/metrics api:3000', ...workers.map(([name]) => `/metrics ${name}:3001`)].sort(),
    );
    // promtool reads the rule files too: point it at this checkout's copy.
    const dir = mkdtempSync(join(tmpdir(), 'novapulse-prometheus-config-'));
    try {
      writeFileSync(join(dir, 'alerts.yml'), read('docker/prometheus/alerts.yml'));
      writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify({ ...config, rule_files: ['alerts.yml'] }));
      const checked = spawnSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
      expect(`${checked.stdout}${checked.stderr}`).toContain('SUCCESS');
      expect(checked.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('provisions Grafana with the Prometheus datasource its dashboard uses', () => {
    const mounted = mounts(grafana);
    expect(mounted['docker/grafana/provisioning']).toBe('/etc/grafana/provisioning');
    const provider = parse(read('docker/grafana/provisioning/dashboards/dashboards.yml')) as {
      providers: { options: { path: string } }[];
    };
    expect(mounted['docker/grafana/dashboards']).toBe(provider.providers[0].options.path);
    const datasources = (
      parse(read('docker/grafana/provisioning/datasources/datasources.yml')) as {
        datasources: { uid: string; url: string }[];
      }
    ).datasources;
    const dashboard = JSON.parse(read('docker/grafana/dashboards/novapulse.json')) as {
      panels: { datasource?: { uid: string } }[];
    };
    const used = new Set(dashboard.panels.flatMap((p) => (p.datasource ? [p.datasource.uid] : [])));
    expect([...used]).toEqual(['prometheus']);
    expect(datasources.find((d) => d.uid === 'prometheus')?.url).toBe('http://prometheus:9090');
  });

  it('sends traces through the OpenTelemetry Collector to Jaeger', () => {
    const collector = parse(read('docker/otel-collector/config.yaml')) as {
      receivers: { otlp: { protocols: { http: { endpoint: string } } } };
      exporters: Record<string, { endpoint: string }>;
    };
    expect(mounts(services['otel-collector'])['docker/otel-collector/config.yaml']).toBe('/etc/otelcol/config.yaml');
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(collector.exporters['otlp/jaeger'].endpoint).toBe('jaeger:4317');
    expect(services.jaeger.image).toMatch(/^jaegertracing\/jaeger:2\./);
  });
});

describe('docker/Dockerfile', () => {
  const lines = read('docker/Dockerfile')
    .split('\n')
    .map((line) => line.trim());

  it('is a multi-stage build on Node 24 that runs as the node user', () => {
    expect(lines.filter((line) => /^FROM\s/i.test(line)).length).toBeGreaterThanOrEqual(2);
    expect(lines.some((line) => /^FROM\s+node:24\b/i.test(line))).toBe(true);
    expect(lines).toContain('USER node');
  });
});
