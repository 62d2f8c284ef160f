import { EVENT_TYPE_CATALOG } from './event-type-catalog.js';
import { EVENT_TYPE_PATTERN, PLATFORM_EVENT_TYPES } from './event-types.js';

describe('the event type catalog', () => {
  it('has exactly one entry per platform event type', () => {
    expect(Object.keys(EVENT_TYPE_CATALOG).sort()).toEqual([...PLATFORM_EVENT_TYPES].sort());
  });

  it.each(PLATFORM_EVENT_TYPES)('describes %s with a JSON example', (type) => {
    expect(type).toMatch(EVENT_TYPE_PATTERN);
    const { description, example } = EVENT_TYPE_CATALOG[type];
    expect(description.length).toBeGreaterThan(10);
    expect(Object.keys(example).length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(example))).toEqual(example);
  });
});
