import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads (not its functions, keywords or label names). */
export function metricNames(promql: string): string[] {
  const bare = promql
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\$\w+/g, '');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w.:])[a-zA-Z_:][\w:]*/g)) {
    const isCall = /^\s*\(/.test(bare.slice(match.index + match[0].length));
    if (!isCall && !KEYWORDS.has(match[0])) names.add(match[0]);
  }
  return [...names];
}

/** Every PromQL expression the project ships: alert rules, the Grafana dashboard, the KEDA scalers. */
export function shippedQueries(): { where: string; expr: string }[] {
  const rules = (
    parse(read('docker/prometheus/alerts.yml')) as { groups: { rules: { alert: string; expr: string }[] }[] }
  ).groups
    .flatMap((g) => g.rules)
    .map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr }));
  const dashboard = (
    JSON.parse(read('docker/grafana/dashboards/novapulse.json')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    }
  ).panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `panel ${panel.title}`, expr: target.expr })),
  );
  const scalers = parseAllDocuments(read('k8s/keda/scaledobjects.yaml'))
    .map((doc) => doc.toJS() as { metadata: { name: string }; spec: { triggers: { metadata: { query: string } }[] } })
    .flatMap((so) =>
      so.spec.triggers.map((t) => ({ where: `ScaledObject ${so.metadata.name}`, expr: t.metadata.query })),
    );
  return [...rules, ...dashboard, ...scalers];
}

/** Metric names in a text exposition, with the series names a histogram or summary adds. */
export function exposedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(name + suffix);
    if (type === 'summary') for (const suffix of ['_count', '_sum']) names.add(name + suffix);
  }
  return names;
}
