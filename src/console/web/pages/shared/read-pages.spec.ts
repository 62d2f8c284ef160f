import { describe, expect, it } from '@jest/globals';
import { pageQuery, readPages } from './read-pages.js';

describe('readPages', () => {
  const pages = [
    { items: [1, 2], nextCursor: 'b' },
    { items: [3, 4], nextCursor: 'c' },
    { items: [5], nextCursor: null },
  ];
  const reader = () => {
    const asked: (string | null)[] = [];
    const read = async (cursor: string | null) => {
      asked.push(cursor);
      return pages[asked.length - 1]!;
    };
    return { asked, read };
  };

  it('reads as many pages as asked, following the cursors, and keeps the last cursor', async () => {
    const { asked, read } = reader();
    expect(await readPages(read, 2)).toEqual({ items: [1, 2, 3, 4], nextCursor: 'c' });
    expect(asked).toEqual([null, 'b']);
  });

  it('stops at the last page', async () => {
    const { asked, read } = reader();
    expect(await readPages(read, 10)).toEqual({ items: [1, 2, 3, 4, 5], nextCursor: null });
    expect(asked).toHaveLength(3);
  });
});

describe('pageQuery', () => {
  it('leaves out an absent cursor and empty filters, and escapes values', () => {
    expect(pageQuery(20, null, { outcome: '' })).toBe('?limit=20');
    expect(pageQuery(20, 'abc', { outcome: 'http_error', q: 'a&b' })).toBe(
      '?limit=20&outcome=http_error&q=a%26b&cursor=abc',
    );
  });
});
