// The console test drives Debian's `chromium` through playwright-core (which downloads no browser of its
// own). Installed here when /usr/bin/chromium is missing: apt-get install first, and once more after
// `apt-get update` if the package lists were stale.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options });

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0 || run('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(
      "error: the console test needs Debian's `chromium` package at /usr/bin/chromium (apt-get install chromium)",
    );
    process.exit(1);
  }
  console.error("installing Debian's chromium package (for the console test)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env }).status === 0;
  const installed = install() || (run('apt-get', ['update'], { env }).status === 0 && install());
  if (!installed || !existsSync(CHROMIUM)) {
    console.error("error: installing the chromium package failed; see apt-get's output above");
    process.exit(1);
  }
}
