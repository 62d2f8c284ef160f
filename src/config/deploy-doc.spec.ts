import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Env, envSchema, TEST_ONLY_VARIABLES } from './env.schema.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** docs/deploy.md's environment table: variable → its default and where k8s/ sets it. */
function documented(): Map<string, { fallback: string; where: string }> {
  const section = read('docs/deploy.md').split('## Environment variables')[1] ?? '';
  const rows = [...section.matchAll(/^\| `([A-Z0-9_]+)` \| (.+?) \| (.+?) \|/gm)];
  return new Map(rows.map(([, name, fallback, where]) => [name!, { fallback: fallback!, where: where! }]));
}

const defaultOf = (name: string) => {
  const parsed = envSchema.shape[name as keyof typeof envSchema.shape].safeParse(undefined);
  if (!parsed.success) return '**required**';
  if (parsed.data === undefined) return '—';
  return `\`${[parsed.data].flat().join(',')}\``;
};

describe('docs/deploy.md', () => {
  const table = documented();
  const schemaNames = Object.keys(envSchema.shape).sort();

  it('documents exactly the variables of the config schema', () => {
    expect([...table.keys()].sort()).toEqual(schemaNames);
  });

  it('states each default as the schema has it (or that the variable is required)', () => {
    const wrong = [...table].filter(([name, row]) => row.fallback !== defaultOf(name));
    expect(wrong.map(([name, row]) => `${name}: doc ${row.fallback}, schema ${defaultOf(name)}`)).toEqual([]);
  });

  it('says where k8s/ sets each variable', () => {
    const keys = (file: string) => {
      const object = parse(read(file)) as { data?: object; stringData?: object };
      return new Set(Object.keys({ ...object.data, ...object.stringData }));
    };
    const [configMap, secret] = [keys('k8s/configmap.yaml'), keys('k8s/secret.example.yaml')];
    const wrong = [...table].filter(([name, { where }]) => {
      const actual = configMap.has(name) ? 'ConfigMap' : secret.has(name) ? 'Secret' : 'Deployment env';
      return where !== (TEST_ONLY_VARIABLES.includes(name as keyof Env) ? 'not set' : actual);
    });
    expect(wrong.map(([name]) => name)).toEqual([]);
  });
});
