import { randomBytes } from 'node:crypto';
import { runApiAndWorker, runEntry, type RunningProcess, waitUntilReady } from '../scripts/lib/processes.mjs';
import { freePort } from '../scripts/lib/services.mjs';
import { signUp } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { promtoolCheck, type RunningPrometheus, sample, startPrometheus } from './support/prometheus.js';
import { isolatedEnv, waitFor } from './support/test-env.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

describe('metrics of the API and the worker (real processes, promtool, a real Prometheus)', () => {
  const token = randomBytes(24).toString('base64url');
  let api: RunningProcess;
  let worker: RunningProcess;
  let apiBase: string;
  let workerBase: string;
  let apiAddress: string;
  let workerAddress: string;

  const scrape = async (url: string, bearer?: string) => {
    const response = await fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  beforeAll(async () => {
    const [port, workerPort] = [await freePort(), await freePort()];
    const env = isolatedEnv({ PORT: String(port), WORKER_PORT: String(workerPort), METRICS_BEARER_TOKEN: token });
    apiAddress = `127.0.0.1:${port}`;
    workerAddress = `127.0.0.1:${workerPort}`;
    apiBase = `http://${apiAddress}/api/v1`;
    workerBase = `http://${workerAddress}`;
    ({ api, worker } = await runApiAndWorker(env));
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it('refuses a scrape without the configured bearer token, in the standard error shape', async () => {
    for (const [url, bearer] of [
      [`${apiBase}/metrics`, undefined],
      [`${apiBase}/metrics`, 'wrong-token-wrong-token'],
      [`${workerBase}/metrics`, undefined],
    ] as const) {
      const answer = await scrape(url, bearer);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text)).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringContaining('Bearer'),
      });
    }
  });

  it('labels HTTP requests with the route template, never the raw URL, and passes promtool', async () => {
    const secretPath = `/webhooks/${randomBytes(12).toString('hex')}`;
    await fetch(`${apiBase}${secretPath}`);
    await fetch(`${apiBase}/no-such-route-${randomBytes(6).toString('hex')}`);
    await fetch(`${apiBase}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' }),
    });

    const { status, type, text } = await scrape(`${apiBase}/metrics`, token);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/webhooks\/:id",status_code="401"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/auth\/login",status_code="401"\} [1-9]/m,
    );
    expect(text).not.toContain(secretPath.split('/')[2]);
    // The scrape itself is in flight while the gauge is read.
    expect(text).toMatch(/^http_requests_in_flight [1-9]/m);
    expect(text).toMatch(/^novapulse_logins_total\{outcome="invalid_credentials"\} [1-9]/m);
    expect(text).toMatch(/^novapulse_queue_jobs\{queue="email",state="waiting"\} \d+/m);
    expect(text).toMatch(/^novapulse_queue_oldest_waiting_age_seconds\{queue="email"\} [\d.]+$/m);
    expect(text).toMatch(/^novapulse_outbox_pending_messages\{outbox="webhook"\} 0/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(promtoolCheck(text)).toEqual({ status: 0, problems: '' });
  });

  it("exposes the worker's job, queue and runtime metrics on its own port, passing promtool", async () => {
    const { status, text } = await scrape(`${workerBase}/metrics`, token);
    expect(status).toBe(200);
    expect(text).toMatch(/^novapulse_queue_jobs\{queue="webhook",state="delayed"\} \d+/m);
    expect(text).toMatch(/^novapulse_queue_oldest_waiting_age_seconds\{queue="webhook"\} [\d.]+$/m);
    expect(text).toContain('# TYPE novapulse_queue_job_duration_seconds histogram');
    expect(text).toContain('# TYPE novapulse_webhook_delivery_attempts_total counter');
    expect(text).toMatch(/^novapulse_workflow_runs_total\{outcome="failed"\} 0/m);
    expect(text).toMatch(/^novapulse_workflow_step_duration_seconds_count\{type="send_email"\} 0/m);
    expect(text).toMatch(/^novapulse_workflow_runs_waiting \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(promtoolCheck(text)).toEqual({ status: 0, problems: '' });
  });

  it('is scraped by a real Prometheus: up == 1 for both targets', async () => {
    let prometheus: RunningPrometheus | undefined;
    try {
      prometheus = await startPrometheus([
        { job: 'api', address: apiAddress, metricsPath: '/api/v1/metrics', bearerToken: token },
        { job: 'worker', address: workerAddress, metricsPath: '/metrics', bearerToken: token },
      ]);
      const up = await waitFor(
        async () => {
          const result = await prometheus!.query('up');
          const byJob = Object.fromEntries(result.map((series) => [series.metric.job, series.value[1]]));
          return byJob.api === '1' && byJob.worker === '1' ? byJob : undefined;
        },
        'Prometheus to scrape both targets',
        20_000,
      );
      expect(up).toEqual({ api: '1', worker: '1' });
      // What it stored is usable: the API's request histogram by route template.
      const routes = await prometheus.query('sum by (route) (http_request_duration_seconds_count{job="api"})');
      expect(routes.map((series) => series.metric.route)).toContain('/api/v1/health/ready');
    } finally {
      await prometheus?.stop();
    }
  });
});

describe('webhook delivery and job metrics (in-process API, webhook worker process, a real receiver)', () => {
  let api: TestApi;
  let worker: RunningProcess;
  let workerMetrics: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    const workerPort = await freePort();
    const env = isolatedEnv({ WORKER_QUEUES: 'webhook', WORKER_PORT: String(workerPort) });
    workerMetrics = `http://127.0.0.1:${workerPort}/metrics`;
    api = await startApi(env);
    worker = runEntry('worker', env);
    receiver = await startWebhookReceiver();
    await waitUntilReady(worker, `http://127.0.0.1:${workerPort}/health/ready`);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.stop();
    await receiver?.close();
  });

  it('counts attempts by outcome, endpoints disabled by reason, and jobs completed with their durations', async () => {
    const account = await signUp(api);
    const headers = { 'x-org-id': account.orgId };
    const created = await api.request('POST', '/webhooks', {
      token: account.accessToken,
      headers,
      body: { url: receiver.url, eventTypes: ['order.created', 'order.paid'] },
    });
    expect(created.status).toBe(201);
    receiver.useSecret(created.body.secret);
    receiver.respondWith(200, 410);
    for (const type of ['order.created', 'order.paid']) {
      expect(
        (await api.request('POST', '/events', { token: account.accessToken, headers, body: { type, payload: {} } }))
          .status,
      ).toBe(202);
    }
    await waitFor(() => receiver.received.length === 2, 'both deliveries');

    const text = await waitFor(async () => {
      const body = await (await fetch(workerMetrics)).text();
      return sample(body, 'novapulse_queue_jobs_completed_total{queue="webhook",name="deliver"}') === 2
        ? body
        : undefined;
    }, 'both jobs to be counted');
    expect(sample(text, 'novapulse_webhook_delivery_attempts_total{outcome="success"}')).toBe(1);
    expect(sample(text, 'novapulse_webhook_delivery_attempts_total{outcome="http_error"}')).toBe(1);
    expect(sample(text, 'novapulse_webhook_delivery_attempt_duration_seconds_count{outcome="success"}')).toBe(1);
    expect(sample(text, 'novapulse_webhook_endpoints_disabled_total{reason="gone"}')).toBe(1);
    expect(sample(text, 'novapulse_queue_job_duration_seconds_count{queue="webhook",name="deliver"}')).toBe(2);
    expect(text).not.toContain(created.body.id);
    expect(text).not.toContain(account.orgId);
  });
});
