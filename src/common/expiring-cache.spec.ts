import { describe, expect, it } from '@jest/globals';
import { ExpiringCache } from './expiring-cache.js';

describe('ExpiringCache', () => {
  it('answers a value until its lifetime is over', () => {
    const cache = new ExpiringCache<string>(1_000, 10);
    cache.set('a', 'one', 5_000);
    expect(cache.get('a', 5_999)).toBe('one');
    expect(cache.get('a', 6_000)).toBeUndefined();
  });

  it('answers a value only for the generation it was stored with', () => {
    const cache = new ExpiringCache<string>(1_000, 10);
    cache.set('a', 'one', 0, 7);
    expect(cache.get('a', 1, 7)).toBe('one');
    expect(cache.get('a', 1, 8)).toBeUndefined();
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('drops the oldest entry at its bound; storing a key again makes it the newest', () => {
    const cache = new ExpiringCache<string>(1_000, 2);
    cache.set('a', 'one', 0);
    cache.set('b', 'two', 0);
    cache.set('a', 'one again', 0);
    cache.set('c', 'three', 0);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toEqual(['one again', undefined, 'three']);
  });

  it('deletes one key, or every entry whose value matches', () => {
    const cache = new ExpiringCache<number>(1_000, 10);
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      cache.set(key, value, 0);
    cache.delete('a');
    cache.deleteWhere((value) => value === 3);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toEqual([undefined, 2, undefined]);
  });
});
