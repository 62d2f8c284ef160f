import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const dir = fileURLToPath(new URL('../docker/prometheus/', import.meta.url));
const promtool = (...args: string[]) => {
  const result = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

interface Rule {
  alert?: string;
  annotations?: Record<string, string>;
}
interface UnitTest {
  alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[];
}

const rules = (parse(readFileSync(`${dir}alerts.yml`, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (group) => group.rules,
);
const alerts = rules.filter((rule) => rule.alert);
const runbook = readFileSync(new URL('../docs/runbook.md', import.meta.url), 'utf8');
const cases = (parse(readFileSync(`${dir}alerts.test.yml`, 'utf8')) as { tests: UnitTest[] }).tests.flatMap(
  (test) => test.alert_rule_test ?? [],
);

describe('alert rules (docker/prometheus/alerts.yml)', () => {
  it('pass promtool check rules', () => {
    const checked = promtool('check', 'rules', 'alerts.yml');
    expect(checked.output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(checked.status).toBe(0);
  });

  it('pass their promtool unit tests (alerts.test.yml)', () => {
    const tested = promtool('test', 'rules', 'alerts.test.yml');
    expect(tested.output).toContain('SUCCESS');
    expect(tested.status).toBe(0);
  });

  it.each(alerts.map((rule) => [rule.alert!]))('%s has a test where it fires and one where it must not', (name) => {
    const own = cases.filter((c) => c.alertname === name);
    expect(own.some((c) => (c.exp_alerts ?? []).length > 0)).toBe(true);
    expect(own.some((c) => (c.exp_alerts ?? []).length === 0)).toBe(true);
  });

  it.each(alerts.map((rule) => [rule.alert!, rule]))('%s links to its own section of the runbook', (name, rule) => {
    expect((rule as Rule).annotations?.runbook_url).toBe(`docs/runbook.md#${name.toLowerCase()}`);
    expect(runbook).toMatch(new RegExp(`^## ${name}$`, 'm'));
  });
});
