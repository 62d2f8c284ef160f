import { parse } from 'csv-parse/sync';
import mongoose from 'mongoose';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { runEntry, type RunningProcess, waitUntilReady } from '../scripts/lib/processes.mjs';
import { freePort } from '../scripts/lib/services.mjs';
import { ReportExpirySweeper } from '../src/reports/report-expiry.sweeper.js';
import { signUp, type TestAccount } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { nodeFlagsOf } from './support/k8s-manifests.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

const ROWS = 50_000;
const FROM = new Date('2026-10-01T00:00:00Z');
const TO = new Date('2026-11-01T00:00:00Z');
const FORMULA = '=HYPERLINK("http://attacker.example","x")';

/** Like waitFor, at most five checks a second: each check reads the store, which is slow on FerretDB. */
const poll = <T>(check: () => Promise<T | false | undefined>, what: string, timeoutMs: number) =>
  waitFor(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return check();
    },
    what,
    timeoutMs,
  );

/** A worker's resident set size, in MiB, read from ps. */
function rssMiB(pid: number): number {
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) / 1024
  );
}

/** From the worker's own metrics: its V8 heap in use (MiB), CPU time and time spent collecting garbage (s). */
async function workerVitals(port: number) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, m) => total + Number(m[1]), 0);
  return {
    heapMiB: sum(/^nodejs_heap_size_used_bytes (\S+)$/gm) / 1024 / 1024,
    cpuS: sum(/^process_cpu_seconds_total (\S+)$/gm),
    gcS: sum(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm),
  };
}

describe('reports: POST /orgs/:id/reports through the report worker to the download', () => {
  // Rate limits off: the test polls report status many times a minute.
  // The worker group that runs reports in production (k8s/, compose), with its Node options.
  const env = isolatedEnv({
    WORKER_QUEUES: 'workflow,report',
    QUEUE_CONCURRENCY_REPORT: '3',
    RATE_LIMIT_ENABLED: 'false',
  });
  const nodeFlags = nodeFlagsOf('novapulse-worker-workflow-report');
  let api: TestApi;
  let worker: RunningProcess;
  let workerPort: number;
  let db: mongoose.Connection;
  let owner: TestAccount;
  let other: TestAccount;
  const expectedMessageIds: string[] = [];
  let reportId: string;
  let csv: Buffer;

  const call = (method: string, path: string, account: TestAccount, body?: unknown, headers = {}) =>
    api.request(method, path, { token: account.accessToken, body, headers: { 'x-org-id': account.orgId, ...headers } });
  const report = async (id: string, account = owner) => (await call('GET', `/reports/${id}`, account)).body;

  /** Attempts of one organization, inserted through the driver in batches (FerretDB is slow one by one). */
  async function seed(orgId: string, count: number, from: Date, spanMs: number, keep: boolean) {
    const endpoints = [new mongoose.Types.ObjectId(), new mongoose.Types.ObjectId()];
    for (let done = 0; done < count; done += 5_000) {
      const batch = Array.from({ length: Math.min(5_000, count - done) }, (_, i) => {
        const n = done + i;
        const messageId = new mongoose.Types.ObjectId();
        if (keep) expectedMessageIds.push(messageId.toHexString());
        return {
          orgId: new mongoose.Types.ObjectId(orgId),
          endpointId: endpoints[n % 2],
          messageId,
          eventType: keep && n === 7 ? FORMULA : 'order.paid',
          attempt: 1,
          outcome: n % 10 === 0 ? 'http_error' : 'success',
          requestHeaders: {},
          statusCode: n % 10 === 0 ? 500 : 200,
          responseExcerpt: '',
          error: null,
          durationMs: n % 300,
          nextAttemptAt: null,
          createdAt: new Date(from.getTime() + Math.floor((n / count) * spanMs)),
        };
      });
      await db.collection('webhook_attempts').insertMany(batch, { ordered: false });
    }
  }

  beforeAll(async () => {
    api = await startApi(env);
    const port = (workerPort = await freePort());
    // With Node's default heap V8 lets a stream's garbage pile up (RSS near 340 MiB here) though the
    // run holds no rows; the deployed group bounds the old generation (docs/deploy.md).
    expect(nodeFlags).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
    worker = runEntry('worker', { ...env, WORKER_PORT: String(port) }, { nodeFlags });
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    owner = await signUp(api);
    other = await signUp(api, 'Other Org');
    const started = Date.now();
    await seed(owner.orgId, ROWS, FROM, TO.getTime() - FROM.getTime() - 1, true);
    await seed(owner.orgId, 50, new Date(TO.getTime()), 1_000, false); // just past the range
    await seed(other.orgId, 500, FROM, 1_000, false); // another organization, in range
    console.log(`seeded ${ROWS + 550} attempts in ${Date.now() - started} ms`);
    await waitUntilReady(worker, `http://127.0.0.1:${port}/health/ready`);
  }, 300_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  it('refuses bad requests, members below admin, and other organizations', async () => {
    const bad = await call('POST', `/orgs/${owner.orgId}/reports`, owner, {
      type: 'webhook-deliveries',
      format: 'xlsx',
      from: TO.toISOString(),
      to: FROM.toISOString(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['format']);
    const backwards = await call('POST', `/orgs/${owner.orgId}/reports`, owner, {
      type: 'webhook-deliveries',
      format: 'csv',
      from: TO.toISOString(),
      to: FROM.toISOString(),
    });
    expect([backwards.status, backwards.body.details]).toEqual([400, [{ field: 'to', problem: 'must be after from' }]]);
    const foreign = await call('POST', `/orgs/${owner.orgId}/reports`, other, {
      type: 'audit-log',
      format: 'csv',
      from: FROM.toISOString(),
      to: TO.toISOString(),
    });
    expect(foreign.status).toBe(404);
  });

  it(`makes a ${ROWS}-row CSV, its progress rising to 100, the worker's RSS staying under 200 MB`, async () => {
    const created = await call('POST', `/orgs/${owner.orgId}/reports`, owner, {
      type: 'webhook-deliveries',
      format: 'csv',
      from: FROM.toISOString(),
      to: TO.toISOString(),
      notify: true,
    });
    expect(created.status).toBe(202);
    reportId = created.body.id;
    expect(created.headers.get('location')).toBe(`/api/v1/reports/${reportId}`);
    expect(created.body).toMatchObject({ status: 'queued', progress: { recordsRead: 0, percent: 0 } });

    const percents: number[] = [];
    const idleRss = rssMiB(worker.child.pid!);
    const idle = await workerVitals(workerPort);
    let maxRss = 0;
    let maxHeap = 0;
    const started = Date.now();
    const done = await poll(
      async () => {
        maxRss = Math.max(maxRss, rssMiB(worker.child.pid!));
        maxHeap = Math.max(maxHeap, (await workerVitals(workerPort)).heapMiB);
        const current = await report(reportId);
        percents.push(current.progress.percent);
        return ['completed', 'failed'].includes(current.status) && current;
      },
      'the report',
      240_000,
    );
    const tookMs = Date.now() - started;
    const after = await workerVitals(workerPort);
    console.log(
      `report of ${ROWS} rows (worker ${nodeFlags.join(' ')}): ${tookMs} ms; ` +
        `worker CPU ${(after.cpuS - idle.cpuS).toFixed(1)} s, of which GC ${(after.gcS - idle.gcS).toFixed(1)} s; ` +
        `RSS ${idleRss.toFixed(1)} MiB idle, peak ${maxRss.toFixed(1)} MiB; ` +
        `heap used ${idle.heapMiB.toFixed(1)} MiB idle, peak ${maxHeap.toFixed(1)} MiB; ` +
        `progress seen ${[...new Set(percents)].join(',')}`,
    );
    expect(done).toMatchObject({ status: 'completed', rows: ROWS, progress: { percent: 100, recordsRead: ROWS } });
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(maxRss).toBeLessThan(200);
    expect(Date.parse(done.expiresAt) - Date.parse(done.finishedAt)).toBe(24 * 3_600_000);

    const download = await fetch(`${api.url}/reports/${reportId}/download`, {
      headers: { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="webhook-deliveries-${reportId}.csv"`,
    );
    csv = Buffer.from(await download.arrayBuffer());
    expect(download.headers.get('etag')).toBe(`"${done.sha256}"`);
    expect(createHash('sha256').update(csv).digest('hex')).toBe(done.sha256);
    expect(csv.length).toBe(done.bytes);
  }, 300_000);

  it("holds exactly that organization's rows of that range, a formula neutralised", () => {
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'time',
      'endpointId',
      'eventType',
      'messageId',
      'attempt',
      'outcome',
      'statusCode',
      'durationMs',
    ]);
    expect(rows.map((r) => r.messageId).sort()).toEqual([...expectedMessageIds].sort());
    expect(rows.every((r) => Date.parse(r.time!) >= FROM.getTime() && Date.parse(r.time!) < TO.getTime())).toBe(true);
    expect(rows.filter((r) => r.eventType!.includes('HYPERLINK')).map((r) => r.eventType)).toEqual([`'${FORMULA}`]);
  });

  it('serves a Range, answers If-None-Match with 304, and records report.completed and the email', async () => {
    const headers = { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId };
    const ranged = await fetch(`${api.url}/reports/${reportId}/download`, {
      headers: { ...headers, range: 'bytes=100-1099' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-1099/${csv.length}`);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(csv.subarray(100, 1100));
    const tail = await fetch(`${api.url}/reports/${reportId}/download`, {
      headers: { ...headers, range: 'bytes=-10' },
    });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(csv.subarray(csv.length - 10));
    const beyond = await fetch(`${api.url}/reports/${reportId}/download`, {
      headers: { ...headers, range: `bytes=${csv.length}-` },
    });
    expect(beyond.status).toBe(416);
    const cached = await fetch(`${api.url}/reports/${reportId}/download`, {
      headers: { ...headers, 'if-none-match': `"${(await report(reportId)).sha256}"` },
    });
    expect(cached.status).toBe(304);

    const event = await db.collection('events').findOne({ type: 'report.completed' });
    expect(JSON.parse(event!.body as string).data).toMatchObject({ reportId, rows: ROWS, orgId: owner.orgId });
    expect(String(event!.orgId)).toBe(owner.orgId);
    expect(await db.collection('email_messages').findOne({ template: 'report-ready', to: owner.email })).not.toBeNull();
  });

  it('is invisible to another organization (404) and lists in its own', async () => {
    expect((await call('GET', `/reports/${reportId}`, other)).status).toBe(404);
    expect((await call('GET', `/reports/${reportId}/download`, other)).status).toBe(404);
    expect((await call('GET', `/reports/${reportId}`, other, undefined, { 'x-org-id': owner.orgId })).status).toBe(404);
    expect((await call('DELETE', `/reports/${reportId}`, other)).status).toBe(404);
    const listed = await call('GET', `/orgs/${owner.orgId}/reports?limit=1`, owner);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([reportId]);
    expect((await call('GET', `/orgs/${other.orgId}/reports`, other)).body.items).toEqual([]);
  });

  it('runs at most 2 reports of an organization at once; a cancelled one stops and loses its partial file', async () => {
    const ids: string[] = [];
    for (const format of ['ndjson', 'ndjson', 'csv']) {
      const created = await call('POST', `/orgs/${owner.orgId}/reports`, owner, {
        type: 'webhook-deliveries',
        format,
        from: FROM.toISOString(),
        to: TO.toISOString(),
      });
      ids.push(created.body.id);
    }
    let mostRunning = 0;
    const running = await poll(
      async () => {
        const statuses = await Promise.all(ids.map(async (id) => (await report(id)).status as string));
        mostRunning = Math.max(mostRunning, statuses.filter((s) => s === 'running').length);
        const fileOf = await db.collection('reports').findOne({ _id: new mongoose.Types.ObjectId(ids[0]) });
        return statuses[0] === 'running' && fileOf?.fileId && statuses;
      },
      'the first to run',
      60_000,
    );
    expect(running.filter((s: string) => s === 'running').length).toBeLessThanOrEqual(2);
    const fileId = (await db.collection('reports').findOne({ _id: new mongoose.Types.ObjectId(ids[0]) }))!.fileId;

    const cancelledAt = Date.now();
    const cancelled = await call('DELETE', `/reports/${ids[0]}`, owner);
    expect([cancelled.status, cancelled.body.status]).toEqual([202, 'cancelled']);
    await waitFor(
      async () =>
        (await db.collection('reports.files').countDocuments({ _id: fileId })) === 0 &&
        (await db.collection('reports.chunks').countDocuments({ files_id: fileId })) === 0,
      'the partial file to go',
      10_000,
    );
    const stoppedMs = Date.now() - cancelledAt;
    console.log(`cancelled report stopped and its partial file was gone after ${stoppedMs} ms`);
    expect(stoppedMs).toBeLessThan(2_500);
    expect((await report(ids[0]!)).status).toBe('cancelled');

    await poll(
      async () => {
        const statuses = await Promise.all(ids.slice(1).map(async (id) => (await report(id)).status as string));
        mostRunning = Math.max(mostRunning, statuses.filter((s) => s === 'running').length);
        return statuses.every((s) => s === 'completed');
      },
      'the other two',
      240_000,
    );
    expect(mostRunning).toBeLessThanOrEqual(2);
    for (const id of ids.slice(1)) expect((await call('DELETE', `/reports/${id}`, owner)).status).toBe(204);
  }, 300_000);

  it('answers 410 once the file has expired, and the sweep deletes it', async () => {
    const past = new Date(Date.now() - 1_000);
    await db
      .collection('reports')
      .updateOne({ _id: new mongoose.Types.ObjectId(reportId) }, { $set: { expiresAt: past } });
    expect((await call('GET', `/reports/${reportId}/download`, owner)).status).toBe(410);
    const { fileId } = (await db.collection('reports').findOne({ _id: new mongoose.Types.ObjectId(reportId) }))!;
    expect(await api.app.get(ReportExpirySweeper).pass()).toBe(1);
    expect(await report(reportId)).toMatchObject({ status: 'expired' });
    expect(await db.collection('reports.files').countDocuments({ _id: fileId })).toBe(0);
    expect((await call('GET', `/reports/${reportId}/download`, owner)).status).toBe(410);
  });
});
