import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

interface Service {
  image?: string;
  command?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown };
}

// Compose resolves `<<: *anchor` merge keys; the yaml package only does so when asked.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const { mongo, redis, api, worker } = compose.services;
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const commandLine = (service: Service) => [service.command ?? []].flat().join(' ');

describe('docker-compose.yml', () => {
  it('runs Mongo 7 and Redis 7 configured for BullMQ', () => {
    expect(mongo?.image).toMatch(/^mongo:7/);
    expect(redis?.image).toMatch(/^redis:7/);
    expect(commandLine(redis)).toContain('noeviction');
    expect(commandLine(redis)).toContain('appendonly yes');
  });

  it('gives every service a health check', () => {
    for (const service of [mongo, redis, api, worker]) {
      expect(service?.healthcheck?.test).toBeDefined();
    }
  });

  it.each([
    ['api', () => api],
    ['worker', () => worker],
  ])('starts %s only once Mongo and Redis are healthy', (_name, service) => {
    expect(service().depends_on).toMatchObject({
      mongo: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('runs the same entry points as the npm scripts', () => {
    expect(scripts['start:prod']).toBe(
      'node --max-semi-space-size=16 --import ./dist/src/tracing/instrumentation.js dist/src/main.js',
    );
    expect(commandLine(api)).toBe(scripts['start:prod']);
    expect(commandLine(worker)).toBe(scripts['start:worker']);
  });

  it('documents every variable it sets in .env.example', () => {
    const documented = read('.env.example')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('=')[0].trim());
    const used = new Set([...Object.keys(api.environment ?? {}), ...Object.keys(worker.environment ?? {})]);
    expect([...used].filter((name) => !documented.includes(name))).toEqual([]);
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
