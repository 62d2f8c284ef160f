import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { ensureK8sStrict } from '../../scripts/lib/services.mjs';

export const k8sDir = fileURLToPath(new URL('../../k8s/', import.meta.url));

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface Manifest {
  file: string;
  object: K8sObject;
}

/** Every YAML file under k8s/, by path relative to it. */
export function manifestFiles(): Record<string, string> {
  const files = readdirSync(k8sDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
  return Object.fromEntries(files.sort().map((file) => [file, readFileSync(join(k8sDir, file), 'utf8')]));
}

/** The Kubernetes objects in some files (kustomize's own Kustomization files left out). */
export function parseManifests(files: Record<string, string>): Manifest[] {
  return Object.entries(files).flatMap(([file, text]) =>
    parseAllDocuments(text)
      .map((doc) => doc.toJS() as K8sObject | null)
      .filter((object): object is K8sObject => object !== null && object.kind !== 'Kustomization')
      .map((object) => ({ file, object })),
  );
}

/** The Node options a Deployment's container runs with: its command's flags before the preload. */
export function nodeFlagsOf(deployment: string): string[] {
  const found = parseManifests(manifestFiles()).find(
    ({ object }) => object.kind === 'Deployment' && object.metadata.name === deployment,
  );
  const spec = found?.object.spec as { template: { spec: { containers: { command: string[] }[] } } } | undefined;
  const command = spec?.template.spec.containers[0]?.command;
  if (!command) throw new Error(`no Deployment ${deployment} with a command in k8s/`);
  return command.slice(1, command.indexOf('--import'));
}

// Where kubernetes-models keeps the model class of each apiVersion.
const modelModules: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

/** Validation against the published schema of the object's kind: the problems found, or [] when valid. */
export async function schemaProblems({ file, object }: Manifest): Promise<string[]> {
  const where = `${file}: ${object.kind} ${object.metadata?.name}`;
  const path = modelModules[object.apiVersion];
  if (!path) return [`${where}: no schema known for apiVersion ${object.apiVersion}`];
  const models = (await import(path)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[object.kind];
  if (!Model) return [`${where}: no schema known for kind ${object.kind} in ${object.apiVersion}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${where}: ${(error as Error).message}`];
  }
}

export interface StrictResult {
  file: string;
  index: number;
  kind?: string;
  name?: string;
  status: 'valid' | 'rejected' | 'skipped';
  error?: string;
}

/** The strict decode of tools/k8s-strict (the API server's fieldValidation=Strict) over some files. */
export function strictDecode(files: Record<string, string>): StrictResult[] {
  const binary = ensureK8sStrict();
  const dir = mkdtempSync(join(tmpdir(), 'novapulse-k8s-'));
  try {
    const paths = Object.entries(files).map(([file, text], i) => {
      const path = join(dir, `${i}-${file.replaceAll('/', '_')}`);
      writeFileSync(path, text);
      return path;
    });
    const run = spawnSync(binary, paths, { encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`k8s-strict exited ${run.status}: ${run.stderr}`);
    const names = Object.keys(files);
    return run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StrictResult)
      .map((result) => ({ ...result, file: names[Number(relative(dir, result.file).split('-')[0])] }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
