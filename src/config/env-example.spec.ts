import { readFileSync } from 'node:fs';
import { loadConfig } from './config.js';
import { envSchema } from './env.schema.js';

function readEnvExample(): Record<string, string> {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!]),
  );
}

describe('.env.example', () => {
  const example = readEnvExample();

  it('lists every variable the schema reads', () => {
    expect(Object.keys(example).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('is a valid configuration as it stands', () => {
    expect(() => loadConfig(example)).not.toThrow();
  });
});
