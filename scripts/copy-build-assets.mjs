// @ts-check
// tsc emits only JavaScript: the data files the code reads at run time (`*.txt` beside a module) are
// copied to the same place under dist/, so the build, `npm run start:*` and the image all carry them.
import { cpSync, globSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

for (const file of globSync('src/**/*.txt')) {
  const target = join('dist', file);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(file, target);
}
