import { describe, expect, it } from '@jest/globals';
import { durationSeconds } from './duration.js';
import { fillPlaceholders, fillTemplate, placeholderProblem, type TriggerInput } from './placeholders.js';
import { evaluate } from './predicate.js';

const input: TriggerInput = {
  id: 'e1',
  type: 'order.created',
  data: { id: 'A1', total: 250, tags: ['vip'], customer: { email: 'ada@example.com' }, note: null },
};

describe('durations', () => {
  it.each([
    ['PT2S', 2],
    ['PT1.5S', 1.5],
    ['P1DT12H', 129_600],
    ['P2W', 1_209_600],
    ['PT1H30M', 5_400],
    [90, 90],
  ])('%s is %d seconds', (value, seconds) => expect(durationSeconds(value)).toBe(seconds));

  it.each(['P', 'PT', 'P1Y', 'P1M', '2s', '', -1])('refuses %p', (value) => expect(durationSeconds(value)).toBeNull());
});

describe('placeholders', () => {
  it('fills fields of the trigger, nested ones and objects as JSON, missing ones as nothing', () => {
    expect(
      fillPlaceholders('{{event.type}} {{ event.data.id }} {{event.data.customer}} [{{event.data.nope}}]', input),
    ).toBe('order.created A1 {"email":"ada@example.com"} []');
  });

  it('keeps a whole-placeholder value as it is inside a JSON template', () => {
    expect(
      fillTemplate(
        { total: '{{event.data.total}}', label: 'n° {{event.data.id}}', list: ['{{event.data.tags}}'] },
        input,
      ),
    ).toEqual({
      total: 250,
      label: 'n° A1',
      list: [['vip']],
    });
  });

  it('names the problem of a placeholder naming nothing or left unclosed', () => {
    expect(placeholderProblem('Hi {{event.data.name}}')).toBeNull();
    expect(placeholderProblem('Hi {{user.name}}')).toMatch(/names nothing/);
    expect(placeholderProblem('Hi {{event.data}}')).toMatch(/names nothing/);
    expect(placeholderProblem('Hi {{event.data.name')).toMatch(/unclosed/);
  });
});

describe('conditions', () => {
  const test = (op: string, value: unknown, field = 'event.data.total') =>
    evaluate({ field, op: op as 'eq', value }, input);

  it('compares', () => {
    expect(test('eq', 250)).toBe(true);
    expect(test('neq', 250)).toBe(false);
    expect(test('gt', 100)).toBe(true);
    expect(test('lt', 100)).toBe(false);
    expect(test('gt', '100')).toBe(false);
    expect(test('in', [1, 250])).toBe(true);
    expect(test('in', 250)).toBe(false);
    expect(test('eq', ['vip'], 'event.data.tags')).toBe(true);
  });

  it('tests presence: null and missing fields do not exist', () => {
    expect(test('exists', undefined, 'event.data.id')).toBe(true);
    expect(test('exists', undefined, 'event.data.note')).toBe(false);
    expect(test('exists', false, 'event.data.missing')).toBe(true);
  });

  it('combines with all and any', () => {
    const big = { field: 'event.data.total', op: 'gt' as const, value: 100 };
    const other = { field: 'event.type', op: 'eq' as const, value: 'order.cancelled' };
    expect(evaluate({ all: [big, other] }, input)).toBe(false);
    expect(evaluate({ any: [big, other] }, input)).toBe(true);
    expect(evaluate({ all: [big, { any: [other, big] }] }, input)).toBe(true);
  });
});
