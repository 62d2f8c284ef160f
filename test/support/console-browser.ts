import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium (scripts/ensure-chromium.mjs installs it); playwright-core brings no browser of its own. */
const CHROMIUM = '/usr/bin/chromium';
/** Nothing but the page under test: no update checks, sync, metrics uploads or first-run pages. */
const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--metrics-recording-only',
  '--disable-default-apps',
  // The tests run as root (CI too), where chromium's sandbox cannot start.
  '--no-sandbox',
];
const SCREENSHOTS = 'reports/console';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: QUIET_FLAGS });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
}

/** A page 360 px wide (the narrowest the console supports) that records everything that went wrong in it. */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, acceptDownloads: true });
  // Reported on the console, so the listener below sees violations of any kind, scripts, styles or images.
  // Reported on the console, so the listener below sees violations of any kind, scripts, styles or images.
  // (Strings, as this code runs in the browser and the tests' TypeScript has no DOM types.)
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI));`,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /content.security.policy/i.test(message.text())) {
      problems.push(`console ${message.type()} on ${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => void dialog.accept());
  return { page, problems };
}

/**
 * Serious or critical accessibility violations axe-core finds on the page as it is now, a screenshot of
 * it for reviewers under reports/console/, and whether it fits 360 px without scrolling sideways.
 */
export async function inspectPage(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  return { serious, overflow };
}
