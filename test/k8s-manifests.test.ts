import { validEnv } from '../scripts/lib/env.mjs';
import { loadConfig } from '../src/config/config.js';
import { type Env, envSchema, TEST_ONLY_VARIABLES } from '../src/config/env.schema.js';
import { type CodeFacts, crossReferenceProblems } from './support/k8s-cross-references.js';
import { manifestFiles, parseManifests, schemaProblems, strictDecode } from './support/k8s-manifests.js';

// The health routes each process serves: the API's HealthController under its global prefix, the
// worker's probe server (test/compose-metrics.test.ts asks the running processes for each of them).
const code: CodeFacts = {
  envNames: Object.keys(envSchema.shape).filter((name) => !TEST_ONLY_VARIABLES.includes(name as keyof Env)),
  requiredEnv: Object.entries(envSchema.shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([name]) => name),
  probePaths: {
    'dist/src/main.js': ['/api/v1/health/live', '/api/v1/health/ready', '/api/v1/health'],
    'dist/worker/main.js': ['/health/live', '/health/ready', '/health'],
  },
};

const files = manifestFiles();
const manifests = parseManifests(files);
const edit = (file: string, from: string, to: string) => {
  expect(files[file]).toContain(from);
  return { ...files, [file]: files[file].replace(from, to) };
};

describe('k8s/ manifests', () => {
  it('are the objects the deployment needs', () => {
    const kinds = manifests.map((m) => `${m.object.kind}/${m.object.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Namespace/novapulse',
        'ConfigMap/novapulse-config',
        'Secret/novapulse-secrets',
        'ServiceAccount/novapulse',
        'Deployment/novapulse-api',
        'Service/novapulse-api',
        'Ingress/novapulse-api',
        'HorizontalPodAutoscaler/novapulse-api',
        'PodDisruptionBudget/novapulse-api',
        'Deployment/novapulse-worker-webhook',
        'Deployment/novapulse-worker-email',
        'Deployment/novapulse-worker-workflow-report',
        'Service/novapulse-worker',
        'NetworkPolicy/default-deny',
        'ScaledObject/novapulse-worker-webhook',
        'ServiceMonitor/novapulse-worker',
      ]),
    );
  });

  it('validate against the Kubernetes, KEDA and Prometheus Operator schemas (kubernetes-models)', async () => {
    const problems = (await Promise.all(manifests.map(schemaProblems))).flat();
    expect(problems).toEqual([]);
  });

  it('decode strictly (no unknown or duplicate field) with the Kubernetes API types', () => {
    const results = strictDecode(files);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    // Every built-in kind and the ServiceMonitors are decoded; ScaledObjects get the field check below.
    const skipped = results.filter((r) => r.status === 'skipped').map((r) => r.kind);
    expect([...new Set(skipped)].sort()).toEqual(['Kustomization', 'ScaledObject']);
  });

  it('agree with each other and with the code (selectors, named ports, probes, resources, tags, env)', () => {
    expect(crossReferenceProblems(manifests, code)).toEqual([]);
  });

  it('configure every Deployment validly, and hold secret placeholders that stop a process', () => {
    const dataOf = (kind: string) =>
      manifests.find((m) => m.object.kind === kind)!.object as { data?: object; stringData?: Record<string, string> };
    const secrets = validEnv({
      mongoUri: 'mongodb://mongo:27017/novapulse?replicaSet=rs0',
      redisUrl: 'redis://redis:6379',
    });
    for (const { object } of manifests.filter((m) => m.object.kind === 'Deployment')) {
      const containers = (
        object.spec as { template: { spec: { containers: { env?: { name: string; value: string }[] }[] } } }
      ).template.spec.containers;
      const env = Object.fromEntries(containers.flatMap((c) => c.env ?? []).map((e) => [e.name, e.value]));
      expect(() => loadConfig({ ...secrets, ...dataOf('ConfigMap').data, ...env })).not.toThrow();
    }
    const placeholders = dataOf('Secret').stringData!;
    for (const name of ['JWT_SECRET', 'JWT_REFRESH_SECRET', 'MFA_ENCRYPTION_KEYS', 'METRICS_BEARER_TOKEN'])
      expect(() => loadConfig({ ...secrets, [name]: placeholders[name] })).toThrow(`${name} is invalid`);
  });

  it('run every worker queue group of WORKER_QUEUES in its own Deployment', () => {
    const groups = manifests
      .filter((m) => m.object.kind === 'Deployment')
      .flatMap(
        (m) =>
          (m.object.spec as { template: { spec: { containers: { env?: { name: string; value: string }[] }[] } } })
            .template.spec.containers,
      )
      .flatMap((c) => c.env ?? [])
      .filter((e) => e.name === 'WORKER_QUEUES')
      .map((e) => e.value);
    expect(groups.sort()).toEqual(['email', 'webhook', 'workflow,report']);
  });
});

describe('the manifest checks catch broken manifests', () => {
  it('a typo in a field name passes the JSON schema but not the strict decode', async () => {
    const broken = edit('api-deployment.yaml', 'readinessProbe:', 'readinessprobe:');
    const deployment = parseManifests({ 'api-deployment.yaml': broken['api-deployment.yaml'] });
    expect(await schemaProblems(deployment[0])).toEqual([]);
    const rejected = strictDecode(broken).filter((r) => r.status === 'rejected');
    expect(rejected).toEqual([
      expect.objectContaining({
        file: 'api-deployment.yaml',
        error: expect.stringContaining('unknown field "spec.template.spec.containers[0].readinessprobe"'),
      }),
    ]);
  });

  it('a Service targeting a port name no pod has', () => {
    const broken = parseManifests(edit('api-service.yaml', 'targetPort: http', 'targetPort: htpp'));
    expect(crossReferenceProblems(broken, code)).toEqual([
      'Service novapulse-api: targetPort htpp is not a named port of every pod it selects',
    ]);
  });

  it('a probe on a path the code does not serve, or on a port that is not named', () => {
    const broken = parseManifests(
      edit(
        'worker-email-deployment.yaml',
        'path: /health/ready\n              port: probe',
        'path: /healthz\n              port: 3001',
      ),
    );
    expect(crossReferenceProblems(broken, code)).toEqual([
      'Deployment novapulse-worker-email container worker: readinessProbe port 3001 is not a named port',
      'Deployment novapulse-worker-email container worker: readinessProbe path /healthz is not served by dist/worker/main.js',
    ]);
  });

  it('a typo in a ServiceMonitor, caught by the decoder with the Prometheus Operator types', () => {
    const broken = edit('keda/servicemonitor.yaml', 'podTargetLabels:', 'podTargetLabel:');
    const rejected = strictDecode(broken).filter((r) => r.status === 'rejected');
    expect(rejected).toEqual([
      expect.objectContaining({
        kind: 'ServiceMonitor',
        error: expect.stringContaining('unknown field "spec.podTargetLabel"'),
      }),
    ]);
  });

  it('a typo in a ScaledObject, which neither its schema nor the decoder can see', () => {
    const broken = parseManifests(edit('keda/scaledobjects.yaml', 'maxReplicaCount: 20', 'maxReplicas: 20'));
    expect(crossReferenceProblems(broken, code)).toEqual([
      'ScaledObject novapulse-worker-webhook: unknown field maxReplicas',
    ]);
  });

  it('a :latest image, a missing limit, an unknown env name and an autoscaler without its Deployment', () => {
    let broken = edit('worker-email-deployment.yaml', 'novapulse:0.1.0', 'novapulse:latest');
    broken = {
      ...broken,
      'worker-email-deployment.yaml': broken['worker-email-deployment.yaml'].replace(
        '              memory: 384Mi\n',
        '',
      ),
    };
    broken = { ...broken, 'configmap.yaml': broken['configmap.yaml'].replace('LOG_LEVEL:', 'LOGLEVEL:') };
    broken = {
      ...broken,
      'api-hpa.yaml': broken['api-hpa.yaml'].replace(
        'name: novapulse-api\n  minReplicas',
        'name: novapulse-apii\n  minReplicas',
      ),
    };
    expect(crossReferenceProblems(parseManifests(broken), code)).toEqual(
      expect.arrayContaining([
        'ConfigMap sets LOGLEVEL, which the config schema lacks',
        'Deployment novapulse-worker-email container worker: image registry.example.com/novapulse:latest has no fixed tag',
        'Deployment novapulse-worker-email container worker: no memory limits',
        "LOG_LEVEL is set nowhere (ConfigMap, Secret or a Deployment's env)",
        'HorizontalPodAutoscaler novapulse-api: no Deployment novapulse-apii',
      ]),
    );
  });
});
