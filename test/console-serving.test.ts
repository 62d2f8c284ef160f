import { createHash } from 'node:crypto';
import { globSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { startApi, type TestApi } from './support/api.js';
import { isolatedEnv } from './support/test-env.js';

/** The console at /app as the built files (`npm run build` writes dist/console/) are served by the API. */
describe('the console at /app', () => {
  let api: TestApi;
  let root: string;
  const get = (path: string) => fetch(`${root}${path}`);

  beforeAll(async () => {
    api = await startApi(isolatedEnv());
    root = api.url.replace('/api/v1', '');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers its page with a strict CSP that allows the import map by its hash and nothing inline else', async () => {
    const page = await get('/app');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(importMap).digest('base64');
    expect(page.headers.get('content-security-policy')).toBe(
      `default-src 'none'; script-src 'self' 'sha256-${hash}'; style-src 'self'; img-src 'self' data:; ` +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe/);
    expect(JSON.parse(importMap).imports).toEqual({
      preact: '/app/vendor/preact.js',
      'preact/hooks': '/app/vendor/preact-hooks.js',
      htm: '/app/vendor/htm.js',
      'htm/preact': '/app/vendor/htm-preact.js',
    });
  });

  it('answers the page for the console routes, so they work on reload, and 404 for missing files', async () => {
    const index = await (await get('/app')).text();
    for (const path of ['/app/', '/app/webhooks', '/app/webhooks/665f1c2e8b3a4d0012345678', '/app/settings/security']) {
      const page = await get(path);
      expect([path, page.status, await page.text()]).toEqual([path, 200, index]);
    }
    const missing = await get('/app/nothing-here.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await missing.json()).toMatchObject({ statusCode: 404, requestId: expect.any(String) });
  });

  it('serves every module the import map names from its own origin, each under the same CSP', async () => {
    for (const path of ['/app/main.js', '/app/console.css', '/app/vendor/preact.js', '/app/vendor/htm-preact.js']) {
      const file = await get(path);
      expect([path, file.status]).toEqual([path, 200]);
      expect(file.headers.get('content-type')).toMatch(path.endsWith('.css') ? /^text\/css/ : /javascript/);
      expect(file.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    }
  });

  it("leaves the JSON API's own headers alone", async () => {
    const health = await get('/api/v1/health/live');
    expect(health.status).toBe(200);
    expect(health.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
  });

  it('sends scripts and stylesheets compressed, and everything the browser loads is under 50 KB gzipped', async () => {
    const compressed = await fetch(`${root}/app/vendor/preact.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(compressed.headers.get('content-type')).toMatch(/javascript/);
    const files = globSync('dist/console/**/*.{js,css,html}');
    const gzipped = files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
    expect(files.length).toBeGreaterThan(10);
    expect(gzipped).toBeLessThan(50 * 1024);
  });
});
