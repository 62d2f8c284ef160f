import mongoose from 'mongoose';
import { ReportSlots } from '../src/reports/generation/report-slots.js';
import { Report, ReportSchema, type ReportStatus } from '../src/reports/report.schema.js';
import { ReportsRepository } from '../src/reports/reports.repository.js';
import { isolatedEnv } from './support/test-env.js';

const CONCURRENT = 8;
const MAX = 2;

describe('report slots: at most REPORT_MAX_RUNNING_PER_ORG reports of an organization run at once', () => {
  let db: mongoose.Connection;
  let model: mongoose.Model<Report>;
  let slots: ReportSlots;

  beforeAll(async () => {
    // One pooled connection per concurrent claim, opened up front, so the claims really overlap.
    db = await mongoose
      .createConnection(isolatedEnv().MONGO_URI!, { minPoolSize: CONCURRENT, maxPoolSize: CONCURRENT })
      .asPromise();
    model = db.model<Report>(Report.name, ReportSchema) as unknown as mongoose.Model<Report>;
    slots = new ReportSlots(db, new ReportsRepository(model));
  });

  afterAll(async () => {
    await db?.dropDatabase();
    await db?.close();
  });

  const queuedReports = async (orgId: string, count: number) => {
    const filters = { from: new Date(0), to: new Date(), endpointId: null, outcome: null };
    const created = await model.insertMany(
      Array.from({ length: count }, () => ({ orgId, type: 'audit-log', format: 'csv', filters })),
    );
    return created.map((report) => report._id.toHexString());
  };
  const claimAll = (orgId: string, reportIds: string[]) =>
    Promise.all(reportIds.map((reportId) => slots.claim(orgId, reportId, MAX)));
  const setStatus = (reportId: string, status: ReportStatus) => model.updateOne({ _id: reportId }, { status });

  it(`gives ${MAX} of ${CONCURRENT} concurrent claims a slot, 10 rounds in a row`, async () => {
    for (let round = 0; round < 10; round++) {
      const orgId = new mongoose.Types.ObjectId().toHexString();
      const won = await claimAll(orgId, await queuedReports(orgId, CONCURRENT));
      expect(won.filter(Boolean)).toHaveLength(MAX);
    }
  });

  it('frees a slot once its report is no longer queued or running, for exactly one newcomer', async () => {
    const orgId = new mongoose.Types.ObjectId().toHexString();
    const [first, second] = await queuedReports(orgId, 2);
    expect(await claimAll(orgId, [first!, second!])).toEqual([true, true]);
    await setStatus(first!, 'running');
    await setStatus(second!, 'running');
    expect(await slots.claim(orgId, first!, MAX)).toBe(true); // a report already holding a slot keeps it

    const waiting = await queuedReports(orgId, CONCURRENT);
    expect((await claimAll(orgId, waiting)).filter(Boolean)).toHaveLength(0);
    await setStatus(first!, 'completed');
    expect((await claimAll(orgId, waiting)).filter(Boolean)).toHaveLength(1);
  });

  it('keeps organizations apart', async () => {
    const [orgA, orgB] = [new mongoose.Types.ObjectId().toHexString(), new mongoose.Types.ObjectId().toHexString()];
    const won = await Promise.all([
      claimAll(orgA, await queuedReports(orgA, 3)),
      claimAll(orgB, await queuedReports(orgB, 3)),
    ]);
    expect(won.map((claims) => claims.filter(Boolean).length)).toEqual([MAX, MAX]);
  });
});
