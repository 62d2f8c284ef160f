export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The first `pages` pages of a cursor-paged list as one, read again whole on a refresh, so "show more"
 * survives a reload of the list without keeping cursors between renders.
 */
export async function readPages<T>(read: (cursor: string | null) => Promise<Page<T>>, pages: number): Promise<Page<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page++) {
    const answer: Page<T> = await read(cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (cursor === null) break;
  }
  return { items, nextCursor: cursor };
}

/** `?limit=20&cursor=…` with the cursor only when there is one, and any filters that are set. */
export function pageQuery(limit: number, cursor: string | null, filters: Record<string, string> = {}): string {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (cursor !== null) params.set('cursor', cursor);
  return `?${params.toString()}`;
}
