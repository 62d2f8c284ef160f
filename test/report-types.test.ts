import { parse } from 'csv-parse/sync';
import mongoose from 'mongoose';
import { runEntry, type RunningProcess, waitUntilReady } from '../scripts/lib/processes.mjs';
import { freePort } from '../scripts/lib/services.mjs';
import { startSmtpSink } from '../scripts/lib/smtp-sink.mjs';
import { signUp, type TestAccount } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { isolatedEnv, waitFor } from './support/test-env.js';

const FROM = new Date('2026-10-01T00:00:00Z');
const TO = new Date('2026-10-08T00:00:00Z');
const FAILURES = ['http_error', 'timeout', 'network', 'blocked', 'error'];
// A path and a trailing slash, as an operator may well write it: the link must still have one slash.
const FRONTEND_URL = 'http://app.example.test/console/';

interface SeededAttempt {
  endpointId: mongoose.Types.ObjectId;
  outcome: string;
  durationMs: number;
}

/** Nearest-rank percentile, written out again here so the test does not trust the code it checks. */
function nearestRank(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1]!;
}

/** What a summary row of these attempts must say, computed from what the test inserted. */
function expectedSummary(attempts: SeededAttempt[]) {
  const durations = attempts.map((a) => a.durationMs);
  const failed = (outcome: string) => attempts.filter((a) => a.outcome === outcome).length;
  return {
    endpointId: attempts[0]!.endpointId.toHexString(),
    attempts: attempts.length,
    successRate: Math.round((failed('success') / attempts.length) * 10_000) / 10_000,
    p50DurationMs: nearestRank(durations, 0.5),
    p95DurationMs: nearestRank(durations, 0.95),
    ...Object.fromEntries(FAILURES.map((o) => [`failed_${o}`, failed(o)])),
  };
}

/** The same rows read back from a CSV file, where every cell is text. */
const asCsvRow = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
const ndjsonRows = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const byKey = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a[key]).localeCompare(String(b[key]));

describe('reports: webhook-summary and audit-log, end to end, and the report-ready email', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: RunningProcess;
  let db: mongoose.Connection;
  let owner: TestAccount;
  let other: TestAccount;
  const inRange: SeededAttempt[] = [];
  const auditTargetsInRange: string[] = [];
  const endpointA = new mongoose.Types.ObjectId();
  const endpointB = new mongoose.Types.ObjectId();

  const call = (method: string, path: string, account: TestAccount, body?: unknown) =>
    api.request(method, path, { token: account.accessToken, body, headers: { 'x-org-id': account.orgId } });

  /** Creates a report as `owner`, waits for it to complete, and returns it with its file as text. */
  async function makeReport(body: Record<string, unknown>) {
    const created = await call('POST', `/orgs/${owner.orgId}/reports`, owner, {
      from: FROM.toISOString(),
      to: TO.toISOString(),
      ...body,
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const done = await waitFor(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const current = (await call('GET', `/reports/${id}`, owner)).body;
        return ['completed', 'failed'].includes(current.status) && current;
      },
      `report ${id}`,
      60_000,
    );
    expect(done).toMatchObject({ status: 'completed', progress: { percent: 100 } });
    const file = await call('GET', `/reports/${id}/download`, owner);
    expect(file.status).toBe(200);
    return { id, report: done, text: file.text };
  }

  /** Attempts with the given outcomes and durations, spread over [start, start + spanMs). */
  async function seedAttempts(orgId: string, rows: SeededAttempt[], start: Date, spanMs: number) {
    await db.collection('webhook_attempts').insertMany(
      rows.map((row, i) => ({
        orgId: new mongoose.Types.ObjectId(orgId),
        endpointId: row.endpointId,
        messageId: new mongoose.Types.ObjectId(),
        eventType: 'order.paid',
        attempt: 1,
        outcome: row.outcome,
        requestHeaders: {},
        statusCode: row.outcome === 'success' ? 200 : row.outcome === 'http_error' ? 503 : null,
        responseExcerpt: '',
        error: null,
        durationMs: row.durationMs,
        nextAttemptAt: null,
        createdAt: new Date(start.getTime() + Math.floor((i / rows.length) * spanMs)),
      })),
    );
  }

  async function seedAudit(orgId: string, at: Date[], target: (i: number) => string) {
    await db.collection('audit_log').insertMany(
      at.map((when, i) => ({
        orgId: new mongoose.Types.ObjectId(orgId),
        actorId: new mongoose.Types.ObjectId().toHexString(),
        actorType: i % 3 === 0 ? 'apiKey' : 'user',
        action: i % 2 ? 'member.invited' : 'api_key.created',
        target: target(i),
        ip: `203.0.113.${i % 250}`,
        at: when,
      })),
    );
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    env = isolatedEnv({
      WORKER_QUEUES: 'report,email',
      SMTP_URL: sink.url,
      FRONTEND_URL,
      RATE_LIMIT_ENABLED: 'false', // the test polls report status many times a minute
    });
    api = await startApi(env);
    const port = await freePort();
    worker = runEntry('worker', { ...env, WORKER_PORT: String(port) });
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    owner = await signUp(api);
    other = await signUp(api, 'Other Org');

    // Endpoint A: durations 1..200 in a scrambled order, a mix of failures. Endpoint B: repeated
    // durations, so the percentiles land on duplicates.
    for (let i = 0; i < 200; i++) {
      const outcome = i % 10 === 0 ? 'http_error' : i % 25 === 3 ? 'timeout' : i % 40 === 7 ? 'network' : 'success';
      inRange.push({ endpointId: endpointA, outcome, durationMs: ((i * 77) % 200) + 1 });
    }
    for (let i = 0; i < 37; i++) {
      const outcome = i % 6 === 0 ? 'blocked' : i % 9 === 4 ? 'error' : 'success';
      inRange.push({ endpointId: endpointB, outcome, durationMs: [5, 5, 12, 40, 40, 40, 900][i % 7]! });
    }
    await seedAttempts(owner.orgId, inRange, FROM, TO.getTime() - FROM.getTime());
    // Out of the range on both sides (`to` is exclusive), and another organization's inside it: all
    // slow failures, so any of them leaking in would move every figure.
    const slowFailure = (n: number, endpointId = endpointA) =>
      Array.from({ length: n }, () => ({ endpointId, outcome: 'timeout', durationMs: 30_000 }));
    await seedAttempts(owner.orgId, slowFailure(10), new Date(FROM.getTime() - 10_000), 10_000);
    await seedAttempts(owner.orgId, slowFailure(10), TO, 10_000);
    await seedAttempts(other.orgId, slowFailure(30, new mongoose.Types.ObjectId()), FROM, 60_000);
    await seedAttempts(other.orgId, slowFailure(5), FROM, 60_000);

    const inside = Array.from({ length: 25 }, (_, i) =>
      i === 0 ? FROM : i === 24 ? new Date(TO.getTime() - 1) : new Date(FROM.getTime() + i * 3_600_000),
    );
    await seedAudit(owner.orgId, inside, (i) => {
      const target = i === 5 ? '=HYPERLINK("http://attacker.example","x")' : `user:in-${i}`;
      auditTargetsInRange.push(target);
      return target;
    });
    await seedAudit(owner.orgId, [new Date(FROM.getTime() - 1), TO], (i) => `user:out-${i}`);
    await seedAudit(other.orgId, inside.slice(0, 5), (i) => `user:other-${i}`);
    await waitUntilReady(worker, `http://127.0.0.1:${port}/health/ready`);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await db?.dropDatabase();
    await db?.close();
    await sink?.close();
  });

  const expectedRows = () => [
    expectedSummary(inRange.filter((a) => a.endpointId === endpointA)),
    expectedSummary(inRange.filter((a) => a.endpointId === endpointB)),
  ];

  it('summarizes each endpoint of the organization in the range, as CSV', async () => {
    const { report, text } = await makeReport({ type: 'webhook-summary', format: 'csv' });
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'endpointId',
      'attempts',
      'successRate',
      'p50DurationMs',
      'p95DurationMs',
      ...FAILURES.map((o) => `failed_${o}`),
    ]);
    expect(rows.sort(byKey('endpointId'))).toEqual(expectedRows().map(asCsvRow).sort(byKey('endpointId')));
    expect(report).toMatchObject({ rows: 2, progress: { recordsRead: inRange.length } });
  });

  it('gives the same summary as NDJSON, with numbers as numbers', async () => {
    const { text } = await makeReport({ type: 'webhook-summary', format: 'ndjson' });
    expect(ndjsonRows(text).sort(byKey('endpointId'))).toEqual(expectedRows().sort(byKey('endpointId')));
  });

  it('summarizes only the endpoint asked for', async () => {
    const { text } = await makeReport({
      type: 'webhook-summary',
      format: 'ndjson',
      endpointId: endpointB.toHexString(),
    });
    expect(ndjsonRows(text)).toEqual([expectedRows()[1]]);
  });

  it("lists exactly the organization's audit entries in [from, to), as CSV with formulas neutralised", async () => {
    const { report, text } = await makeReport({ type: 'audit-log', format: 'csv' });
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['time', 'action', 'actorType', 'actorId', 'target', 'ip']);
    const formula = auditTargetsInRange[5]!;
    expect(rows.map((r) => r.target).sort()).toEqual(
      auditTargetsInRange.map((t) => (t === formula ? `'${t}` : t)).sort(),
    );
    const times = rows.map((r) => Date.parse(r.time!));
    expect(Math.min(...times)).toBe(FROM.getTime());
    expect(Math.max(...times)).toBe(TO.getTime() - 1);
    expect(report).toMatchObject({ rows: 25, progress: { recordsRead: 25 } });
  });

  it('lists the same entries as NDJSON, values as written', async () => {
    const { text } = await makeReport({ type: 'audit-log', format: 'ndjson' });
    const rows = ndjsonRows(text);
    expect(rows.map((r) => r.target).sort()).toEqual([...auditTargetsInRange].sort());
    expect(rows.every((r) => typeof r.time === 'string' && r.ip && r.actorId && r.action)).toBe(true);
  });

  it('emails the requester a link to the report that carries no secret', async () => {
    const { id } = await makeReport({ type: 'audit-log', format: 'csv', notify: true });
    const mail = await waitFor(
      () => sink.messages.find((m) => m.subject === 'Your audit-log report is ready'),
      'the report-ready email',
      30_000,
    );
    expect(mail.to).toMatchObject({ value: [{ address: owner.email }] });
    const text = `${mail.text ?? ''}\n${mail.html || ''}`;
    const links = [...new Set(text.match(/https?:\/\/[^\s<"']+/g))];
    expect(links).toEqual([`http://app.example.test/console/reports/${id}`]);
    for (const secret of [
      owner.accessToken,
      owner.refreshToken,
      owner.password,
      env.JWT_SECRET!,
      env.JWT_REFRESH_SECRET!,
      ...env.MFA_ENCRYPTION_KEYS!.split(',').map((k) => k.slice(k.indexOf(':') + 1)),
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/token|np_live_/i);
    // Only the report asked to notify was emailed.
    expect(sink.messages.filter((m) => /report is ready/.test(m.subject ?? ''))).toHaveLength(1);
  });
});
