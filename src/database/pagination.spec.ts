import { Types } from 'mongoose';
import { pageOf } from './pagination.js';

const records = Array.from({ length: 5 }, () => ({ _id: new Types.ObjectId() }));
const view = (r: { _id: Types.ObjectId }) => ({ id: r._id.toHexString() });
const read = (limit: number) => Promise.resolve(records.slice(0, limit));

describe('pageOf', () => {
  it('reads one more than asked and points the cursor at the last item shown', async () => {
    const asked: number[] = [];
    const page = await pageOf((limit) => (asked.push(limit), read(limit)), 2, view);
    expect(asked).toEqual([3]);
    expect(page).toEqual({ items: records.slice(0, 2).map(view), nextCursor: records[1]!._id.toHexString() });
  });

  it('has no cursor on the last page, even when it is exactly full', async () => {
    expect((await pageOf(read, 5, view)).nextCursor).toBeNull();
  });
});
