/**
 * `{{event.data.order.id}}` in step texts names a field of the trigger: `event.type`, `event.id` or a
 * path under `event.data`. Nothing else is ever evaluated.
 */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const FIELD_PATH = /^event\.(type|id|data(\.[A-Za-z0-9_-]+)+)$/;

export interface TriggerInput {
  /** The event's id, the schedule's fire time or the manual run's id. */
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** Why a text's placeholders name nothing, or null when each names a trigger field. */
export function placeholderProblem(text: string): string | null {
  for (const [, path] of text.matchAll(PLACEHOLDER)) {
    if (!isFieldPath(path!))
      return `placeholder {{${path}}} names nothing: use event.type, event.id or event.data.<field>`;
  }
  const unclosed = text.replace(PLACEHOLDER, '');
  if (unclosed.includes('{{') || unclosed.includes('}}')) return 'has an unclosed {{ placeholder }}';
  return null;
}

export function isFieldPath(path: string): boolean {
  return FIELD_PATH.test(path);
}

/** The value at `event.…` in the trigger input, or undefined. */
export function fieldValue(input: TriggerInput, path: string): unknown {
  const [, root, ...rest] = path.split('.');
  if (root === 'type') return input.type;
  if (root === 'id') return input.id;
  let value: unknown = input.data;
  for (const key of rest) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The text with each placeholder replaced by its value (objects as JSON, missing values as nothing). */
export function fillPlaceholders(text: string, input: TriggerInput): string {
  return text.replace(PLACEHOLDER, (_, path: string) => {
    const value = fieldValue(input, path);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
  });
}

/** Every string of a JSON template filled in; a string that is one placeholder alone takes the value as it is. */
export function fillTemplate(template: unknown, input: TriggerInput): unknown {
  if (typeof template === 'string') {
    const whole = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(template);
    return whole ? (fieldValue(input, whole[1]!) ?? null) : fillPlaceholders(template, input);
  }
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, input));
  if (template !== null && typeof template === 'object')
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillTemplate(value, input)]));
  return template;
}

/** Each string inside a JSON template with its path below the template, for validation. */
export function* templateStrings(
  template: unknown,
  path: (string | number)[] = [],
): Generator<[string, (string | number)[]]> {
  if (typeof template === 'string') yield [template, path];
  else if (Array.isArray(template))
    for (const [i, item] of template.entries()) yield* templateStrings(item, [...path, i]);
  else if (template !== null && typeof template === 'object')
    for (const [key, value] of Object.entries(template)) yield* templateStrings(value, [...path, key]);
}
