import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The browser files, as `npm run build` writes them: compiled pages, vendored Preact and htm, index.html. */
export interface ConsoleFiles {
  root: string;
  indexHtml: string;
  /** The Content-Security-Policy of every /app answer. */
  csp: string;
}

// The built API runs from dist/src/console/; tests run these sources from src/console/. Both serve dist/console/.
const CANDIDATES = ['../../console/', '../../dist/console/'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url)),
);

const IMPORT_MAP = /<script type="importmap">([\s\S]*?)<\/script>/;

/** Null until the console is built, so the API still starts from sources without it. */
export function loadConsoleFiles(): ConsoleFiles | null {
  const root = CANDIDATES.find((dir) => existsSync(`${dir}index.html`));
  if (!root) return null;
  const indexHtml = readFileSync(`${root}index.html`, 'utf8');
  return { root, indexHtml, csp: consoleCsp(indexHtml) };
}

/**
 * No inline script or style runs except the import map, allowed by the hash of its exact text; `data:`
 * images are the MFA QR code.
 */
export function consoleCsp(indexHtml: string): string {
  const importMap = IMPORT_MAP.exec(indexHtml)?.[1];
  if (importMap === undefined) throw new Error('the console index.html has no import map');
  const hash = createHash('sha256').update(importMap, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}
