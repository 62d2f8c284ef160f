// The metrics tests check the exposition with `promtool` and scrape both processes with a real
// Prometheus. Both come from Debian's `prometheus` package, installed here when promtool is missing.
import { spawnSync } from 'node:child_process';

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options });
const found = () => run('promtool', ['--version'], { stdio: 'ignore' }).status === 0;

if (!found()) {
  if (process.getuid?.() !== 0 || run('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(
      "error: promtool and prometheus are needed for the metrics tests: install Debian's `prometheus` package (apt-get install prometheus)",
    );
    process.exit(1);
  }
  console.error("installing Debian's prometheus package (for promtool and the scrape test)…");
  // The package's own service may or may not start; the tests run their own prometheus on a free port.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const installed =
    run('apt-get', ['update'], { env }).status === 0 &&
    run('apt-get', ['install', '-y', '--no-install-recommends', 'prometheus'], { env }).status === 0;
  if (!installed || !found()) {
    console.error("error: installing the prometheus package failed; see apt-get's output above");
    process.exit(1);
  }
}
