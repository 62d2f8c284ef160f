// Starts what NovaPulse needs and then NovaPulse itself: uses MONGO_URI, REDIS_URL and SMTP_URL
// when they answer, otherwise starts FerretDB, a private redis-server and a console mail sink.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runEntry } from './lib/processes.mjs';
import { canConnect, startFerretDB, startRedis } from './lib/services.mjs';
import { startSmtpSink } from './lib/smtp-sink.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const stoppers = [];

function readEnvFile(path) {
  if (!existsSync(path)) return {};
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line))
    .filter(Boolean)
    .map(([, name, value]) => [name, value]);
  return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}

function fail(message) {
  console.error(`\nerror: ${message}`);
  process.exit(1);
}

async function answers(url) {
  const { hostname, port, protocol } = new URL(url);
  const defaultPort = { 'mongodb:': 27017, 'redis:': 6379, 'rediss:': 6379, 'smtp:': 25, 'smtps:': 465 }[protocol];
  return canConnect(hostname.replace(/^\[|\]$/g, ''), Number(port || defaultPort), 1_000);
}

const env = { ...readEnvFile(`${root}.env.example`), ...readEnvFile(`${root}.env`), ...process.env };

if (!(await answers(env.MONGO_URI))) {
  console.log(`MongoDB at ${env.MONGO_URI} does not answer: starting the embedded FerretDB (data in .data/ferretdb)`);
  try {
    const mongo = await startFerretDB({ dataDir: `${root}.data/ferretdb` });
    stoppers.push(mongo.stop);
    env.MONGO_URI = `${mongo.uri}/novapulse`;
  } catch (error) {
    fail(
      `no MongoDB: set MONGO_URI to a running server, or install Go so FerretDB can be built.\n  (${error.message})`,
    );
  }
}

if (!(await answers(env.REDIS_URL))) {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    fail(
      `no Redis: nothing answers at ${env.REDIS_URL} and redis-server is not installed (apt-get install redis-server).`,
    );
  }
  console.log(`Redis at ${env.REDIS_URL} does not answer: starting a private redis-server`);
  const redis = await startRedis();
  stoppers.push(redis.stop);
  env.REDIS_URL = redis.url;
}

if (!(await answers(env.SMTP_URL))) {
  console.log(`SMTP at ${env.SMTP_URL} does not answer: emails are printed here instead`);
  const sink = await startSmtpSink({
    onMail: (mail) => console.log(`\n✉  to ${mail.to?.text ?? '?'}: ${mail.subject ?? ''}\n${mail.text ?? ''}\n`),
  });
  stoppers.push(sink.close);
  env.SMTP_URL = sink.url;
}

console.log('building…');
if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) fail('the build failed');

const children = ['api', 'worker'].map((entry) => runEntry(entry, env, { inheritOutput: true }));

async function stopAll() {
  await Promise.all(children.map((child) => child.stop()));
  await Promise.all(stoppers.map((stop) => stop()));
  process.exit(0);
}
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
for (const child of children) void child.exited.then((code) => typeof code === 'number' && code !== 0 && stopAll());

const port = env.PORT ?? '3000';
console.log(`
NovaPulse is starting:
  console        http://localhost:${port}/app  (localhost: browsers keep its Secure sign-in cookie over plain http)
  API            http://127.0.0.1:${port}/api/v1
  API health     http://127.0.0.1:${port}/api/v1/health/ready
  worker health  http://127.0.0.1:${env.WORKER_PORT ?? '3001'}/health/ready
Press Ctrl+C to stop everything this command started.
`);
