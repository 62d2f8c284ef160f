import type { K8sObject, Manifest } from './k8s-manifests.js';

type Labels = Record<string, string>;
interface Port {
  name?: string;
  containerPort: number;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: Port[];
  env?: { name: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  securityContext?: { readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
}
interface PodTemplate {
  metadata: { labels: Labels };
  spec: {
    automountServiceAccountToken?: boolean;
    terminationGracePeriodSeconds?: number;
    securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
    topologySpreadConstraints?: { labelSelector: { matchLabels: Labels } }[];
    containers: Container[];
  };
}
type Workload = K8sObject & { spec: { selector: { matchLabels: Labels }; template: PodTemplate } };

export interface CodeFacts {
  /** Every variable of src/config/env.schema.ts. */
  envNames: string[];
  /** Those without a default: every process must be given them. */
  requiredEnv: string[];
  /** The health routes each entry point serves, by the entry file its command runs. */
  probePaths: Record<string, string[]>;
}

// KEDA's Go types are not published as a module of their own, so the strict decoder cannot check a
// ScaledObject and its JSON schema lets unknown fields through: the fields of keda.sh/v1alpha1, by hand.
const SCALED_OBJECT_FIELDS = new Set([
  'scaleTargetRef',
  'pollingInterval',
  'cooldownPeriod',
  'initialCooldownPeriod',
  'idleReplicaCount',
  'minReplicaCount',
  'maxReplicaCount',
  'advanced',
  'triggers',
  'fallback',
]);
const TRIGGER_FIELDS = new Set(['type', 'name', 'metadata', 'metricType', 'useCachedMetrics', 'authenticationRef']);

const matches = (selector: Labels, labels: Labels) => Object.entries(selector).every(([k, v]) => labels[k] === v);
const durationMs = (config: K8sObject | undefined, name: string) => Number((config?.data as Labels)?.[name]);

/** Everything the manifests get wrong about each other and about the code; [] when consistent. */
export function crossReferenceProblems(manifests: Manifest[], code: CodeFacts): string[] {
  const problems: string[] = [];
  const objects = manifests.map((m) => m.object);
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => of(kind).find((o) => o.metadata.name === name);
  const workloads = of('Deployment') as Workload[];
  const podsMatching = (selector: Labels) =>
    workloads.filter((w) => matches(selector, w.spec.template.metadata.labels));
  const config = of('ConfigMap')[0];
  const env = new Set(code.envNames);

  for (const [kind, keys] of [
    ['ConfigMap', of('ConfigMap').flatMap((o) => Object.keys((o.data as Labels) ?? {}))],
    ['Secret', of('Secret').flatMap((o) => Object.keys({ ...(o.data as Labels), ...(o.stringData as Labels) }))],
  ] as const) {
    for (const key of keys) if (!env.has(key)) problems.push(`${kind} sets ${key}, which the config schema lacks`);
  }

  for (const workload of workloads) {
    const where = `Deployment ${workload.metadata.name}`;
    const pod = workload.spec.template;
    if (!matches(workload.spec.selector.matchLabels, pod.metadata.labels))
      problems.push(`${where}: selector does not match its pod labels`);
    for (const spread of pod.spec.topologySpreadConstraints ?? [])
      if (!matches(spread.labelSelector.matchLabels, pod.metadata.labels))
        problems.push(`${where}: topology spread selects other pods than its own`);
    if (pod.spec.automountServiceAccountToken !== false) problems.push(`${where}: mounts a service account token`);
    if (pod.spec.securityContext?.runAsNonRoot !== true) problems.push(`${where}: may run as root`);
    if (pod.spec.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
      problems.push(`${where}: no RuntimeDefault seccomp profile`);

    const set = new Set<string>();
    for (const container of pod.spec.containers) {
      const at = `${where} container ${container.name}`;
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef && !named('ConfigMap', from.configMapRef.name))
          problems.push(`${at}: envFrom ConfigMap ${from.configMapRef.name} does not exist`);
        if (from.secretRef && !named('Secret', from.secretRef.name))
          problems.push(`${at}: envFrom Secret ${from.secretRef.name} does not exist`);
        const source = named(from.configMapRef ? 'ConfigMap' : 'Secret', (from.configMapRef ?? from.secretRef)!.name);
        for (const key of Object.keys({ ...(source?.data as Labels), ...(source?.stringData as Labels) })) set.add(key);
      }
      for (const { name } of container.env ?? []) {
        set.add(name);
        if (!env.has(name)) problems.push(`${at}: sets ${name}, which the config schema lacks`);
      }
      const [tag] = container.image.split('/').at(-1)!.split(':').slice(1);
      if (!tag || tag === 'latest') problems.push(`${at}: image ${container.image} has no fixed tag`);
      for (const kind of ['requests', 'limits'] as const)
        for (const resource of ['cpu', 'memory'])
          if (!container.resources?.[kind]?.[resource]) problems.push(`${at}: no ${resource} ${kind}`);
      if (container.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${at}: writable root filesystem`);
      if (!container.securityContext?.capabilities?.drop?.includes('ALL')) problems.push(`${at}: keeps capabilities`);

      const entry = Object.keys(code.probePaths).find((file) => container.command?.includes(file));
      if (!entry) problems.push(`${at}: runs no known entry point`);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
        const get = container[probe]?.httpGet;
        if (!get) {
          problems.push(`${at}: no HTTP ${probe}`);
          continue;
        }
        const port = container.ports?.find((p) => p.name === get.port);
        if (typeof get.port !== 'string' || !port)
          problems.push(`${at}: ${probe} port ${get.port} is not a named port`);
        if (entry && !code.probePaths[entry].includes(get.path))
          problems.push(`${at}: ${probe} path ${get.path} is not served by ${entry}`);
      }
      const sleepMs = (container.lifecycle?.preStop?.sleep?.seconds ?? 0) * 1000;
      const unreadyMs = durationMs(config, 'SHUTDOWN_UNREADY_DELAY_MS');
      const readiness = container.readinessProbe as
        (Probe & { periodSeconds?: number; failureThreshold?: number }) | undefined;
      if (container.ports?.some((p) => p.name === 'http')) {
        if (sleepMs < unreadyMs) problems.push(`${at}: preStop sleep shorter than SHUTDOWN_UNREADY_DELAY_MS`);
        if ((readiness?.periodSeconds ?? 10) * (readiness?.failureThreshold ?? 3) * 1000 >= unreadyMs)
          problems.push(`${at}: readiness takes longer than SHUTDOWN_UNREADY_DELAY_MS to notice a shutdown`);
      }
      if ((pod.spec.terminationGracePeriodSeconds ?? 30) * 1000 <= sleepMs + durationMs(config, 'SHUTDOWN_TIMEOUT_MS'))
        problems.push(`${at}: terminationGracePeriodSeconds does not exceed preStop + SHUTDOWN_TIMEOUT_MS`);
    }
    for (const name of code.requiredEnv)
      if (!set.has(name)) problems.push(`${where}: ${name} is set by neither its ConfigMap, Secret nor env`);
  }

  const everywhere = new Set(
    objects.flatMap((o) => Object.keys({ ...(o.data as Labels), ...(o.stringData as Labels) })),
  );
  for (const w of workloads)
    for (const c of w.spec.template.spec.containers) for (const e of c.env ?? []) everywhere.add(e.name);
  for (const name of code.envNames)
    if (!everywhere.has(name)) problems.push(`${name} is set nowhere (ConfigMap, Secret or a Deployment's env)`);

  const servicePorts = (name: string) => {
    const service = named('Service', name) as (K8sObject & { spec: { ports: { name: string }[] } }) | undefined;
    return service?.spec.ports.map((p) => p.name);
  };
  for (const service of of('Service') as (K8sObject & {
    spec: { selector: Labels; ports: { name: string; targetPort: string | number }[] };
  })[]) {
    const where = `Service ${service.metadata.name}`;
    const pods = podsMatching(service.spec.selector);
    if (pods.length === 0) problems.push(`${where}: selects no pods`);
    for (const port of service.spec.ports) {
      const served = pods.every((w) =>
        w.spec.template.spec.containers.some((c) => c.ports?.some((p) => p.name === port.targetPort)),
      );
      if (typeof port.targetPort !== 'string' || !served)
        problems.push(`${where}: targetPort ${port.targetPort} is not a named port of every pod it selects`);
    }
  }
  for (const ingress of of('Ingress')) {
    const rules = (ingress.spec as { rules: { http: { paths: { backend: { service: unknown } }[] } }[] }).rules;
    for (const { backend } of rules.flatMap((r) => r.http.paths)) {
      const { name, port } = backend.service as { name: string; port: { name?: string } };
      if (!servicePorts(name)?.includes(port.name ?? ''))
        problems.push(`Ingress ${ingress.metadata.name}: backend ${name}:${port.name} is not a named Service port`);
    }
  }
  for (const monitor of of('ServiceMonitor')) {
    const spec = monitor.spec as { selector: { matchLabels: Labels }; endpoints: { port: string }[] };
    const services = of('Service').filter((s) => matches(spec.selector.matchLabels, s.metadata.labels ?? {}));
    if (services.length === 0) problems.push(`ServiceMonitor ${monitor.metadata.name}: selects no Service`);
    for (const { port } of spec.endpoints)
      if (!services.every((s) => servicePorts(s.metadata.name)?.includes(port)))
        problems.push(`ServiceMonitor ${monitor.metadata.name}: port ${port} is not on the Services it selects`);
  }
  for (const kind of ['PodDisruptionBudget']) {
    for (const o of of(kind))
      if (podsMatching((o.spec as { selector: { matchLabels: Labels } }).selector.matchLabels).length === 0)
        problems.push(`${kind} ${o.metadata.name}: selects no pods`);
  }
  for (const policy of of('NetworkPolicy')) {
    const spec = policy.spec as {
      podSelector: { matchLabels?: Labels };
      ingress?: { ports?: { port: string | number }[] }[];
    };
    const pods = podsMatching(spec.podSelector.matchLabels ?? {});
    if (pods.length === 0) problems.push(`NetworkPolicy ${policy.metadata.name}: selects no pods`);
    for (const { port } of (spec.ingress ?? []).flatMap((rule) => rule.ports ?? []))
      if (
        typeof port === 'string' &&
        !pods.every((w) => w.spec.template.spec.containers.some((c) => c.ports?.some((p) => p.name === port)))
      )
        problems.push(
          `NetworkPolicy ${policy.metadata.name}: port ${port} is not a named port of every pod it selects`,
        );
  }
  for (const scaledObject of of('ScaledObject')) {
    const spec = scaledObject.spec as Record<string, unknown> & { triggers?: Record<string, unknown>[] };
    const unknown = [
      ...Object.keys(spec).filter((key) => !SCALED_OBJECT_FIELDS.has(key)),
      ...(spec.triggers ?? []).flatMap((t) => Object.keys(t).filter((key) => !TRIGGER_FIELDS.has(key))),
    ];
    for (const key of unknown) problems.push(`ScaledObject ${scaledObject.metadata.name}: unknown field ${key}`);
  }
  for (const scaler of [...of('HorizontalPodAutoscaler'), ...of('ScaledObject')]) {
    const target = (scaler.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name;
    if (!named('Deployment', target)) problems.push(`${scaler.kind} ${scaler.metadata.name}: no Deployment ${target}`);
  }
  return problems;
}
