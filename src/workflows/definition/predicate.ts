import { fieldValue, type TriggerInput } from './placeholders.js';

export const COMPARISONS = ['eq', 'neq', 'in', 'exists', 'gt', 'lt'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface FieldTest {
  field: string;
  op: Comparison;
  value?: unknown;
}

/** A field test, or `all`/`any` of tests, nested at most twice: declarative, never code. */
export type Predicate = FieldTest | { all: Predicate[] } | { any: Predicate[] };

export function evaluate(predicate: Predicate, input: TriggerInput): boolean {
  if ('all' in predicate) return predicate.all.every((p) => evaluate(p, input));
  if ('any' in predicate) return predicate.any.some((p) => evaluate(p, input));
  const actual = fieldValue(input, predicate.field);
  const expected = predicate.value;
  switch (predicate.op) {
    case 'exists':
      return (actual !== undefined && actual !== null) === (expected ?? true);
    case 'eq':
      return sameValue(actual, expected);
    case 'neq':
      return !sameValue(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((candidate) => sameValue(actual, candidate));
    case 'gt':
      return ordered(actual, expected, (a, b) => a > b);
    case 'lt':
      return ordered(actual, expected, (a, b) => a < b);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

/** Numbers with numbers, strings with strings (ISO dates compare as strings); anything else is false. */
function ordered(a: unknown, b: unknown, compare: (a: number | string, b: number | string) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return compare(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compare(a, b);
  return false;
}
