import type { Model, Types } from 'mongoose';

/** One page of a list, newest first; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Newest first by `_id` (ids grow with time), after `before`, the last id of the previous page. Every
 * caller passes the tenant in `filter`.
 */
export function newestFirst<T, R>(
  model: Model<T>,
  filter: Record<string, unknown>,
  limit: number,
  before?: string,
): Promise<R[]> {
  return model
    .find({ ...filter, ...(before ? { _id: { $lt: before } } : {}) })
    .sort({ _id: -1 })
    .limit(limit)
    .lean<R[]>()
    .exec();
}

/** Reads one record more than asked: it tells whether another page exists, so the last page is never empty. */
export async function pageOf<R extends { _id: Types.ObjectId }, V extends { id: string }>(
  read: (limit: number) => Promise<R[]>,
  limit: number,
  view: (record: R) => V,
): Promise<Page<V>> {
  const found = await read(limit + 1);
  const items = found.slice(0, limit).map(view);
  return { items, nextCursor: found.length > limit ? items.at(-1)!.id : null };
}
