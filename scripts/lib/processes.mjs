// @ts-check
// Node programs as child processes, above all NovaPulse's built entry points (`npm run build` output):
// started from the repository root with an explicit environment, waited for, and stopped with a signal.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = { api: 'dist/src/main.js', worker: 'dist/worker/main.js' };
const TRACING_PRELOAD = ['--import', './dist/src/tracing/instrumentation.js'];
/** As every start command sets it (package.json, Dockerfile, compose): see docs/architecture.md, Memory. */
const V8_FLAGS = ['--max-semi-space-size=8'];
/** As the image sets it (docker/Dockerfile): see docs/architecture.md, Memory. */
const MALLOC_SETTINGS = { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=1048576' };

/**
 * @typedef {object} SpawnOptions
 * @property {boolean} [tracing] preload the tracing instrumentation, as the start scripts do
 * @property {boolean} [inheritOutput] write to this process's stdout and stderr instead of keeping the output
 * @property {number} [keepOutput] keep only the last this many characters of output
 * @property {boolean} [ipc] open an IPC channel, for a child that reports with `process.send`
 * @property {number} [killAfterMs] on stop, SIGKILL a child that is still running this long after the signal
 * @property {string[]} [nodeFlags] Node/V8 options before everything else
 */

/**
 * @typedef {object} RunningProcess
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} output what it wrote to stdout and stderr (nothing when inherited)
 * @property {(message: unknown) => boolean} sent whether it sent this message over IPC
 * @property {Promise<number | string>} exited its exit code, or the signal that ended it
 * @property {(signal?: NodeJS.Signals) => Promise<number | string>} stop signals it (SIGTERM unless told) and resolves with `exited`
 */

/**
 * @param {string} file relative to the repository root
 * @param {Record<string, string>} env the child's whole environment, with this process's PATH unless it names one
 * @param {SpawnOptions} [options]
 * @returns {RunningProcess}
 */
export function spawnNode(
  file,
  env,
  { tracing = false, inheritOutput = false, keepOutput = Infinity, ipc = false, killAfterMs, nodeFlags = [] } = {},
) {
  const output = inheritOutput ? 'inherit' : 'pipe';
  const child = spawn(process.execPath, [...nodeFlags, ...(tracing ? TRACING_PRELOAD : []), file], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', output, output, ...(ipc ? /** @type {const} */ (['ipc']) : [])],
  });
  let kept = '';
  /** @param {Buffer} chunk */
  const keep = (chunk) => (kept = (kept + chunk).slice(-keepOutput));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const messages = new Set();
  child.on('message', (message) => messages.add(message));
  /** @type {Promise<number | string>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    output: () => kept,
    sent: (message) => messages.has(message),
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * The API or a worker as production runs it, tracing preload included unless `tracing: false`.
 * @param {'api' | 'worker'} entry @param {Record<string, string>} env @param {SpawnOptions} [options]
 */
export function runEntry(entry, env, options = {}) {
  return spawnNode(ENTRIES[entry], { ...MALLOC_SETTINGS, ...env }, { tracing: true, nodeFlags: V8_FLAGS, ...options });
}

/**
 * Resolves once `check` passes (a check that throws has not passed); fails early, with the process's
 * output, if the process exits first.
 * @param {RunningProcess} running @param {() => Promise<unknown>} check @param {string} what
 */
export async function waitUntil(running, check, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (running.child.exitCode !== null || running.child.signalCode !== null)
      throw new Error(`${what}: the process exited early:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** @param {RunningProcess} running @param {string} url its readiness probe @param {number} [timeoutMs] */
export function waitUntilReady(running, url, timeoutMs) {
  return waitUntil(running, async () => (await fetch(url)).status === 200, `${url} to answer 200`, timeoutMs);
}

/**
 * The API and a worker on one environment, which names their ports (PORT, WORKER_PORT), once both are
 * ready; if either is not, both are stopped.
 * @param {Record<string, string>} env @param {SpawnOptions & { readyTimeoutMs?: number }} [options]
 */
export async function runApiAndWorker(env, { readyTimeoutMs, ...options } = {}) {
  const apiUrl = `http://127.0.0.1:${env.PORT}/api/v1`;
  const workerUrl = `http://127.0.0.1:${env.WORKER_PORT}`;
  const api = runEntry('api', env, options);
  const worker = runEntry('worker', env, options);
  const stop = () => Promise.all([api.stop(), worker.stop()]);
  try {
    await Promise.all([
      waitUntilReady(api, `${apiUrl}/health/ready`, readyTimeoutMs),
      waitUntilReady(worker, `${workerUrl}/health/ready`, readyTimeoutMs),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { api, worker, apiUrl, workerUrl, stop };
}
