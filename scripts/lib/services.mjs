// Starting the real services NovaPulse needs on a developer machine or in tests: the embedded
// FerretDB (a MongoDB wire-protocol server) and a private redis-server. Each listens on its own port.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/**
 * A Go program of tools/<name>, named after its sources (every Go file, go.mod and go.sum), so a
 * change to them builds a new binary instead of reusing a stale one.
 */
function goToolBinary(name) {
  const dir = `${root}tools/${name}/`;
  const files = [
    ...readdirSync(dir)
      .filter((file) => file.endsWith('.go'))
      .sort(),
    'go.mod',
    'go.sum',
  ];
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0${readFileSync(dir + file, 'utf8')}\0`);
  return `${root}.cache/bin/${name}-${hash.digest('hex').slice(0, 12)}`;
}

/** @returns {Promise<number>} a TCP port nobody listens on right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {string} host @param {number} port
 * @returns {Promise<boolean>} whether something accepts TCP connections at host:port
 */
export function canConnect(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true)).once('error', () => done(false));
  });
}

function findGo() {
  for (const candidate of ['go', '/usr/local/go/bin/go']) {
    if (spawnSync(candidate, ['version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return null;
}

/** Builds the Go program in tools/<name> once; later calls find the binary. */
function ensureGoTool(name, what, { log = console.error } = {}) {
  const binary = goToolBinary(name);
  if (existsSync(binary)) return binary;
  const go = findGo();
  if (!go) throw new Error(`${what} must be built from tools/${name}, which needs Go (https://go.dev/dl) on the PATH`);
  log(`building ${what} from tools/${name} (a minute or two the first time)…`);
  const built = spawnSync(go, ['build', '-o', binary, '.'], {
    cwd: `${root}tools/${name}`,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
  });
  if (built.status !== 0) throw new Error(`building ${what} failed (go build exited ${built.status})`);
  return binary;
}

/** The embedded FerretDB program (tools/ferretdb). */
export function ensureFerretDB(options) {
  return ensureGoTool('ferretdb', 'FerretDB', options);
}

/** The strict Kubernetes manifest decoder (tools/k8s-strict). */
export function ensureK8sStrict(options) {
  return ensureGoTool('k8s-strict', 'the Kubernetes manifest decoder', options);
}

/**
 * Spawns a server and resolves once it prints `ready` on stdout or stderr.
 * @param {string} command @param {string[]} args @param {RegExp} ready
 */
function startProcess(command, args, ready, name, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stderr.removeAllListeners('data');
        child.stdout.resume();
        child.stderr.resume();
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${name} could not start: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function stopper(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * `postgresql` (a PostgreSQL URL naming its database) stores there through FerretDB's PostgreSQL
 * backend instead of SQLite files in `dataDir`.
 * @param {{ dataDir: string, port?: number, postgresql?: string }} options
 * @returns {Promise<{ uri: string, port: number, stop: () => Promise<void> }>}
 */
export async function startFerretDB({ dataDir, port, postgresql }) {
  mkdirSync(dataDir, { recursive: true });
  const listenPort = port ?? (await freePort());
  const child = await startProcess(
    ensureFerretDB(),
    ['-listen', `127.0.0.1:${listenPort}`, '-data', dataDir, ...(postgresql ? ['-postgresql', postgresql] : [])],
    /ferretdb listening on/,
    'FerretDB',
  );
  return { uri: `mongodb://127.0.0.1:${listenPort}`, port: listenPort, stop: stopper(child) };
}

/**
 * A private redis-server that keeps nothing on disk, so a test may stop and restart it at will.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startRedis({ port } = {}) {
  const listenPort = port ?? (await freePort());
  const child = await startProcess(
    'redis-server',
    [
      '--port',
      String(listenPort),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    /Ready to accept connections/,
    'redis-server',
  );
  return { url: `redis://127.0.0.1:${listenPort}`, port: listenPort, stop: stopper(child) };
}
