import mongoose from 'mongoose';
import { isolatedEnv } from './support/test-env.js';

// The product code relies on MongoDB's single-document atomicity: a guarded update (a condition in
// the filter) is a claim exactly one caller wins, and updates of one document never overwrite each
// other. The embedded FerretDB gets it from the front in tools/ferretdb (writes one at a time per
// database); these tests hold the store to it.
const CONCURRENT = 16;
const ROUNDS = 100;

describe('the store keeps single-document atomicity (embedded FerretDB)', () => {
  let db: mongoose.Connection;
  let docs: ReturnType<mongoose.Connection['collection']>;

  beforeAll(async () => {
    // One pooled connection per concurrent request, opened up front, so the requests really overlap.
    db = await mongoose
      .createConnection(isolatedEnv().MONGO_URI!, { minPoolSize: CONCURRENT, maxPoolSize: CONCURRENT })
      .asPromise();
    docs = db.collection('docs');
  });

  afterAll(async () => {
    await db?.dropDatabase();
    await db?.close();
  });

  const together = <T>(run: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: CONCURRENT }, (_, i) => run(i)));
  /** How many rounds saw each outcome: `{ 1: 100 }` when all 100 saw 1 (and a short failure message). */
  const tally = (outcomes: number[]) =>
    outcomes.reduce<Record<number, number>>((counts, n) => ({ ...counts, [n]: (counts[n] ?? 0) + 1 }), {});

  it(`lets exactly one of ${CONCURRENT} concurrent guarded updateOne calls modify the document, ${ROUNDS} rounds in a row`, async () => {
    const modifiedPerRound: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { insertedId } = await docs.insertOne({ used: false });
      const results = await together(() => docs.updateOne({ _id: insertedId, used: false }, { $set: { used: true } }));
      modifiedPerRound.push(results.reduce((sum, result) => sum + result.modifiedCount, 0));
    }
    expect(tally(modifiedPerRound)).toEqual({ 1: ROUNDS });
  });

  it(`returns the document to exactly one of ${CONCURRENT} concurrent guarded findOneAndUpdate calls, ${ROUNDS} rounds in a row`, async () => {
    const winnersPerRound: number[] = [];
    let misnamed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { insertedId } = await docs.insertOne({ claimedBy: null });
      const results = await together((i) =>
        docs.findOneAndUpdate(
          { _id: insertedId, claimedBy: null },
          { $set: { claimedBy: i } },
          { returnDocument: 'after' },
        ),
      );
      const winners = results.filter((result) => result !== null);
      winnersPerRound.push(winners.length);
      // The one who was told it won is the one the document names.
      const stored = await docs.findOne({ _id: insertedId });
      if (!winners.some((winner) => winner.claimedBy === stored?.claimedBy)) misnamed++;
    }
    expect(tally(winnersPerRound)).toEqual({ 1: ROUNDS });
    expect(misnamed).toBe(0);
  });

  it('loses no update when concurrent calls set different fields of one document', async () => {
    const lostPerRound: number[] = [];
    for (let round = 0; round < ROUNDS / 4; round++) {
      const { insertedId } = await docs.insertOne({ round });
      await together((i) => docs.updateOne({ _id: insertedId }, { $set: { [`field${i}`]: true } }));
      const stored = await docs.findOne({ _id: insertedId });
      lostPerRound.push(Array.from({ length: CONCURRENT }, (_, i) => stored?.[`field${i}`]).filter((v) => !v).length);
    }
    expect(tally(lostPerRound)).toEqual({ 0: ROUNDS / 4 });
  });

  it('counts every one of concurrent $inc calls on one field', async () => {
    const counts: number[] = [];
    for (let round = 0; round < ROUNDS / 4; round++) {
      const { insertedId } = await docs.insertOne({ attempts: 0 });
      await together(() => docs.updateOne({ _id: insertedId }, { $inc: { attempts: 1 } }));
      counts.push((await docs.findOne({ _id: insertedId }))?.attempts as number);
    }
    expect(tally(counts)).toEqual({ [CONCURRENT]: ROUNDS / 4 });
  });
});
