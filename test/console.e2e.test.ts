import type { Browser, Page } from 'playwright-core';
import { inspectPage, launchChromium, openWatchedPage, type WatchedPage } from './support/console-browser.js';
import { type ConsoleStack, startConsoleStack } from './support/console-stack.js';
import { operatorCommand } from './support/operators.js';
import { waitFor } from './support/test-env.js';
import { codeAt } from './support/totp.js';

/**
 * The console in a real browser, against the built API and a worker for every queue: one person's way
 * from signing up to the jobs page, each step depending on the ones before it. Every page is checked
 * with axe-core and photographed; no console error, uncaught exception or CSP violation may happen.
 */
describe('the console in chromium', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  const email = `console-${Date.now()}@example.com`;
  const password = 'correct horse battery staple 42';
  let mfaSecret = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
    watched = await openWatchedPage(browser);
    page = watched.page;
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  afterEach(() => {
    expect(watched.problems.splice(0)).toEqual([]);
  });

  const inspect = async (name: string) => {
    const { serious, overflow } = await inspectPage(page, name);
    expect(serious).toEqual([]);
    expect([name, overflow]).toEqual([name, 0]);
  };
  const signIn = async () => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('signs up and signs in', async () => {
    await page.goto(stack.appUrl);
    await page.getByRole('heading', { name: 'Sign in to NovaPulse' }).waitFor();
    await inspect('sign-in');
    // The browser enforces the CSP, and the watcher hears it: an inline script is blocked and reported.
    await page.evaluate(`document.head.append(Object.assign(document.createElement('script'), { textContent: '1' }))`);
    // Both the browser's own message and the init script's report of the event.
    await waitFor(
      () => watched.problems.filter((p) => /Content Security Policy/i.test(p)).length === 2,
      'the inline script refused and reported',
    );
    watched.problems.splice(0);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Name').fill('Console Tester');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Your account is ready').waitFor();
    await inspect('sign-up');
    // Queue statistics are for platform operators; the command grants it as an operator would.
    expect((await operatorCommand(stack.env, 'grant', email)).code).toBe(0);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn();
    await page.waitForURL('**/app/webhooks');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).waitFor();
  });

  it('creates an endpoint for a local receiver, sends a test event, sees the attempt and rotates the secret', async () => {
    const add = page.getByRole('button', { name: 'Add endpoint' });
    await add.waitFor();
    await inspect('webhooks');
    await add.click();
    await page.getByLabel('URL').fill(stack.receiver.url);
    await page.getByLabel('Description').fill('Console test receiver');
    await page.getByRole('checkbox').first().check();
    await inspect('webhooks-create');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    // Creating an endpoint opens its page, with the secret shown this once.
    const secret = (await page.getByTestId('endpoint-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    stack.receiver.useSecret(secret);
    await inspect('webhooks-created');

    await page.getByRole('button', { name: 'Send test event' }).click();
    await waitFor(() => stack.receiver.received.find((r) => r.verified), 'a verified test delivery');
    // The log shows what it read when the test event's answer came; Refresh reads it again (once a second,
    // well inside the API's rate limit) until the worker has recorded the attempt.
    const log = page.getByTestId('message-log');
    await waitFor(async () => {
      if ((await log.locator('td', { hasText: /^\s*200\s*$/ }).count()) > 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await page.getByRole('button', { name: 'Refresh', exact: true }).click();
      return false;
    }, 'the attempt in the message log');
    await inspect('endpoint-detail');

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await waitFor(async () => {
      const shown = (await page.getByTestId('endpoint-secret').textContent())?.trim() ?? '';
      return /^whsec_/.test(shown) && shown !== secret;
    }, 'the new secret');
  });

  it('turns on MFA with a code from otplib and shows the recovery codes once', async () => {
    await page.getByRole('link', { name: 'Settings › Security' }).click();
    await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    mfaSecret = (await page.getByTestId('mfa-secret').textContent()) ?? '';
    await inspect('security-mfa-scan');
    await page.getByLabel('Code from your app').fill(await codeAt(mfaSecret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByTestId('recovery-codes').getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download codes' }).click();
    expect((await download).suggestedFilename()).toBe('novapulse-recovery-codes.txt');
    await inspect('security-recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('Two-factor authentication is on').waitFor();
    await expectNoneOf(page, 'recovery-codes');
    await inspect('security');
  });

  it('signs out, then signs in again through the MFA challenge, and stays signed in on reload', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to NovaPulse' }).waitFor();
    await signIn();
    // The next 30-second step: the code used to turn MFA on is refused as a replay.
    const code = page.getByLabel('Code');
    await code.waitFor();
    await inspect('sign-in-mfa');
    await code.fill(await codeAt(mfaSecret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL('**/app/webhooks');
    // A reload keeps the session: the page refreshes its access token from the HttpOnly cookie.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).waitFor();
  });

  it('shows the jobs page with non-zero queue counts', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    const stats = page.getByTestId('queue-stats');
    await waitFor(async () => (await stats.locator('tbody tr').count()) === 4, 'a row per queue');
    await waitFor(async () => /[1-9]/.test((await stats.locator('tbody').textContent()) ?? ''), 'a non-zero count');
    await inspect('jobs');
  });

  it('lists the sessions and signs out everywhere, which a reload does not undo', async () => {
    await page.getByRole('link', { name: 'Settings › Security' }).click();
    await page.getByTestId('sessions').getByText('This browser').waitFor();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign in to NovaPulse' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to NovaPulse' }).waitFor();
  });
});

async function expectNoneOf(page: Page, testId: string) {
  expect(await page.getByTestId(testId).count()).toBe(0);
}
