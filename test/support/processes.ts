import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './test-env.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code (or the signal name if killed). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
  exited: Promise<number | string>;
}

/** Runs a built entry point (`npm run build` output) as its own process, the way production does (tracing preload included). */
export function runEntry(entry: 'api' | 'worker', env: Record<string, string>): RunningProcess {
  const file = entry === 'api' ? 'dist/src/main.js' : 'dist/worker/main.js';
  const child = spawn(process.execPath, ['--import', './dist/src/tracing/instrumentation.js', file], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    output: () => output,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until the process answers 200 on the given probe URL. */
export async function waitUntilReady(process_: RunningProcess, url: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    async () => {
      if (process_.child.exitCode !== null) throw new Error(`process exited early:\n${process_.output()}`);
      const response = await fetch(url).catch(() => undefined);
      return response?.status === 200;
    },
    `${url} to answer 200`,
    timeoutMs,
  );
}
