import { startFerretDB } from '/work/main/scripts/lib/services.mjs';
import mongoose from 'mongoose';
const f = await startFerretDB({ dataDir: '/tmp/memtest-data', inMemory: true });
const c = await mongoose.createConnection(`${f.uri}/t1`).asPromise();
try {
  const col = c.collection('x');
  await col.createIndex({ a: 1 }, { unique: true });
  await col.insertOne({ a: 1, b: 2 });
  console.log(await col.findOne({ a: 1 }));
  console.log(await col.updateOne({ a: 1 }, { $inc: { b: 1 } }));
  const r = await col.findOneAndUpdate({ a: 1 }, { $inc: { b: 1 } }, { returnDocument: 'after' });
  console.log(r);
  await Promise.all(Array.from({length: 20}, (_, i) => col.insertOne({ a: 100 + i })));
  console.log(await col.countDocuments());
} catch (e) { console.error('ERR', e); }
await c.close(); await f.stop();
