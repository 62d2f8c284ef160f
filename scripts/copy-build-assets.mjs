// @ts-check
// tsc emits only JavaScript: the data files the code reads at run time (`*.txt` beside a module) are
// copied to the same place under dist/, so the build, `npm run start:*` and the image all carry them.
// The console's page and stylesheet go to dist/console/ beside its compiled scripts, with the ES module
// builds of Preact and htm that its import map names, so the browser loads everything from the API itself.
import { cpSync, globSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

for (const file of globSync('src/**/*.txt')) {
  const target = join('dist', file);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(file, target);
}

const CONSOLE = 'dist/console';
for (const file of ['index.html', 'console.css']) cpSync(join('src/console/web', file), join(CONSOLE, file));
// Unit specs beside the pages are compiled with them (so they are type-checked) but never served.
for (const file of globSync(`${CONSOLE}/**/*.spec.js`)) rmSync(file);
// The pages' own stylesheets keep their place under pages/ (index.html links them).
for (const file of globSync('src/console/web/pages/**/*.css')) {
  const target = join(CONSOLE, file.slice('src/console/web/'.length));
  mkdirSync(dirname(target), { recursive: true });
  cpSync(file, target);
}

/** Import map target (dist/console/vendor/…) ← the package's ES module build. */
const VENDORED = {
  'preact.js': 'node_modules/preact/dist/preact.mjs',
  'preact-hooks.js': 'node_modules/preact/hooks/dist/hooks.mjs',
  'htm.js': 'node_modules/htm/dist/htm.mjs',
  'htm-preact.js': 'node_modules/htm/preact/index.mjs',
};
mkdirSync(join(CONSOLE, 'vendor'), { recursive: true });
for (const [name, source] of Object.entries(VENDORED)) cpSync(source, join(CONSOLE, 'vendor', name));
