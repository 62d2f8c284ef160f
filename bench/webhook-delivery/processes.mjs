// Child processes of the bench: spawned from the repository root with an explicit environment, their
// output kept for error messages, and stopped with SIGTERM (SIGKILL if they hang).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const KEPT_OUTPUT = 20_000;
const STOP_GRACE_MS = 10_000;

/** @param {string} file relative to the repository root @param {Record<string, string>} env */
export function spawnNode(file, env) {
  const child = spawn(process.execPath, [file], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  const keep = (chunk) => (output = (output + chunk).slice(-KEPT_OUTPUT));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const messages = new Set();
  child.on('message', (message) => messages.add(message));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return {
    child,
    output: () => output,
    /** @param {unknown} message whether the child sent it over IPC */
    sent: (message) => messages.has(message),
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once `check` passes; fails early with the process's output if it exits first. */
export async function waitUntil(process_, check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (process_.child.exitCode !== null) throw new Error(`${what}: the process exited early:\n${process_.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms:\n${process_.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

