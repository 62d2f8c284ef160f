// @ts-check
// tsc emits only JavaScript: the data files the code reads at run time (`*.txt` beside a module) are
// copied to the same place under dist/, so the build, `npm run start:*` and the image all carry them.
// The console's page and stylesheet go to dist/console/ beside its compiled scripts, with the ES module
// builds of Preact and htm that its import map names, so the browser loads everything from the API itself.
import { cpSync, globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

for (const file of globSync('src/**/*.txt')) {
  const target = join('dist', file);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(file, target);
}

const CONSOLE = 'dist/console';
cpSync('src/console/web/index.html', join(CONSOLE, 'index.html'));
// One stylesheet: the shell's, then each page's (pages/**/*.css), so a page's styles need no <link> of their own.
const styles = ['src/console/web/console.css', ...globSync('src/console/web/pages/**/*.css').sort()];
writeFileSync(join(CONSOLE, 'console.css'), styles.map((file) => readFileSync(file, 'utf8')).join('\n'));

/** Import map target (dist/console/vendor/…) ← the package's ES module build. */
const VENDORED = {
  'preact.js': 'node_modules/preact/dist/preact.mjs',
  'preact-hooks.js': 'node_modules/preact/hooks/dist/hooks.mjs',
  'htm.js': 'node_modules/htm/dist/htm.mjs',
  'htm-preact.js': 'node_modules/htm/preact/index.mjs',
};
mkdirSync(join(CONSOLE, 'vendor'), { recursive: true });
for (const [name, source] of Object.entries(VENDORED)) cpSync(source, join(CONSOLE, 'vendor', name));

// Compressed once here, served as they are (`preCompressed`) to browsers that accept them.
for (const file of globSync(`${CONSOLE}/**/*.{js,css}`)) {
  const content = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(content));
}
