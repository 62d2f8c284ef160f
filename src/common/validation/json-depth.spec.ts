import { nestsDeeperThan } from './json-depth.js';

/** `levels` objects (or arrays) inside each other, built without recursion. */
function nested(levels: number, array = false): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = array ? [value] : { a: value };
  return value;
}

describe('nestsDeeperThan', () => {
  it('counts each object or array as a level and a scalar as none', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
    expect(nestsDeeperThan(nested(65, true), 64)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: [] }], c: nested(3) }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: [[]] }], c: nested(3) }, 4)).toBe(true);
  });

  it('measures a value far deeper than the call stack allows', () => {
    const deep = nested(1_000_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(nestsDeeperThan(deep, 64)).toBe(true);
  });
});
