import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApiAndWorker, type RunningProcess } from '../scripts/lib/processes.mjs';
import { freePort, startFerretDB } from '../scripts/lib/services.mjs';
import { isolatedEnv, waitFor } from './support/test-env.js';

interface Probe {
  status: number;
  body: { status: string; message?: string; error: Record<string, { status: string }> };
}

const probe = async (url: string): Promise<Probe> => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Probe['body'] };
};

describe('readiness when Mongo stops (a FerretDB this test owns)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'novapulse-ferretdb-readiness-'));
  let ferret: Awaited<ReturnType<typeof startFerretDB>>;
  let api: RunningProcess;
  let worker: RunningProcess;
  let apiReady: string;
  let workerReady: string;

  beforeAll(async () => {
    ferret = await startFerretDB({ dataDir });
    const [port, workerPort] = [await freePort(), await freePort()];
    const env = isolatedEnv({ PORT: String(port), WORKER_PORT: String(workerPort) });
    env.MONGO_URI = `${ferret.uri}/${new URL(env.MONGO_URI!).pathname.slice(1)}`;
    apiReady = `http://127.0.0.1:${port}/api/v1/health/ready`;
    workerReady = `http://127.0.0.1:${workerPort}/health/ready`;
    ({ api, worker } = await runApiAndWorker(env));
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await ferret?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('turns 503 naming mongo within 1 s of FerretDB stopping, and back to 200 once it returns, with no restart', async () => {
    await ferret.stop();
    const stoppedAt = Date.now();
    const [apiDown, workerDown] = await Promise.all(
      [apiReady, workerReady].map((url) =>
        waitFor(
          async () => {
            const answer = await probe(url);
            return answer.status === 503 ? { ...answer, afterMs: Date.now() - stoppedAt } : undefined;
          },
          `${url} to answer 503`,
          5_000,
        ),
      ),
    );
    for (const down of [apiDown!, workerDown!]) {
      expect(down.afterMs).toBeLessThan(1_000);
      expect(down.body.error.mongo).toMatchObject({ status: 'down' });
      expect(down.body.message).toContain('mongo');
    }
    expect((await fetch(apiReady.replace('ready', 'live'))).status).toBe(200);

    ferret = await startFerretDB({ dataDir, port: ferret.port });
    await waitFor(async () => (await probe(apiReady)).status === 200, 'the API to be ready again', 20_000);
    await waitFor(async () => (await probe(workerReady)).status === 200, 'the worker to be ready again', 20_000);
    expect(api.child.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();
  });
});
