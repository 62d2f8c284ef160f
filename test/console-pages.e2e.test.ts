import type { Browser, Page, Request } from 'playwright-core';
import {
  apiCall,
  type ConsoleAccount,
  consoleAccount,
  joinAsMember,
  signInThroughConsole,
} from './support/console-accounts.js';
import { inspectPage, launchChromium, openWatchedPage, type WatchedPage } from './support/console-browser.js';
import { type ConsoleStack, startConsoleStack } from './support/console-stack.js';
import { waitFor } from './support/test-env.js';

/**
 * The webhooks and jobs pages beyond the main journey: form errors, edit, disable and enable, failed
 * attempts, retry, recovery, deletion, the member's view, queue statistics polling, a report download
 * and a run's steps. 360 px wide unless a step says otherwise; no console error or CSP violation.
 */
describe('the webhooks and jobs pages in chromium', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let owner: ConsoleAccount;
  let member: ConsoleAccount;
  const watched: WatchedPage[] = [];
  let page: Page;
  let endpointId = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
    [owner, member] = await Promise.all([consoleAccount(stack, 'Owner', true), consoleAccount(stack, 'Member')]);
    await joinAsMember(stack, owner, member);
    watched.push(await openWatchedPage(browser), await openWatchedPage(browser));
    page = watched[0]!.page;
    for (const { page: each } of watched) each.setDefaultTimeout(10_000);
    await signInThroughConsole(page, stack, owner);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  afterEach(() => {
    expect(watched.flatMap((w) => w.problems)).toEqual([]);
  });

  const inspect = async (name: string, on = page) => {
    const { serious, overflow } = await inspectPage(on, name);
    expect(serious).toEqual([]);
    expect([name, overflow]).toEqual([name, 0]);
  };
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  // Paced like a person: each click reads the endpoint and two pages of its log, and the API allows 100 requests a minute.
  const refresh = async () => {
    await page.waitForTimeout(700);
    await page.getByRole('button', { name: 'Refresh' }).click();
  };
  const logText = async () => (await page.getByTestId('message-log').textContent()) ?? '';

  it('names the wrong fields, then creates, edits, disables and enables an endpoint', async () => {
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    await page.getByText('Enter the URL deliveries go to.').waitFor();
    await page.getByText('Pick at least one event type, or all of them.').waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('wh-url');
    await inspect('pages-webhooks-form-errors');

    await page.getByLabel('URL').fill(stack.receiver.url);
    await page.getByLabel('user.created').check();
    await page.getByLabel('Other event types').fill('order.created');
    await page.getByLabel('Rate limit').fill('5');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    await page.getByTestId('endpoint-secret').waitFor();
    endpointId = page.url().split('/').pop()!;
    const stored = await apiCall(stack, 'GET', `/webhooks/${endpointId}`, asOwner());
    expect(stored.body).toMatchObject({ eventTypes: ['user.created', 'order.created'], rateLimitPerSecond: 5 });

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Description').fill('Orders');
    await page.getByLabel('Rate limit').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Orders', { exact: true }).waitFor();
    await page.getByText('None', { exact: true }).waitFor();
    // Leaving the page and coming back: the secret is not shown again.
    expect(await page.getByTestId('endpoint-secret').count()).toBe(0);

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Disabled by a person in the organization.').waitFor();
    expect((await apiCall(stack, 'GET', `/webhooks/${endpointId}`, asOwner())).body.enabled).toBe(false);
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await page.getByText('Enabled', { exact: true }).waitFor();
  });

  it('shows failed attempts with their status, retries a message and recovers failed ones', async () => {
    stack.receiver.respondWith(500, 500, 500);
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText(/HTTP error: HTTP 500/).waitFor({ timeout: 20_000 });
    // The retry schedule (0,1,1) makes two more attempts a second apart, then the message has failed.
    await waitFor(async () => {
      await refresh();
      return (await logText()).match(/\b500\b/g)?.length === 3;
    }, 'three failed attempts in the log');
    await page.getByText('0 of 3 attempts succeeded.').waitFor();
    await inspect('pages-webhooks-failed');

    const before = stack.receiver.received.length;
    await page.getByRole('button', { name: /^Retry the message of attempt 3/ }).click();
    await page.getByText('Queued again').waitFor();
    await waitFor(() => stack.receiver.received.length > before, 'the retried delivery');
    await waitFor(async () => {
      await refresh();
      return (await page.getByText('1 of 4 attempts succeeded.').count()) === 1;
    }, 'the success rate with the retried attempt');
    expect(await logText()).toMatch(/\b200\b/);

    await page.getByRole('button', { name: 'Recover messages' }).click();
    await page.getByText('0 messages queued again.').waitFor();
  });

  it('deletes an endpoint only once the deletion is confirmed', async () => {
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No endpoints yet.').waitFor();
    expect((await apiCall(stack, 'GET', `/webhooks/${endpointId}`, asOwner())).status).toBe(404);
  });

  it("shows a member the organization's runs and steps, and no admin buttons", async () => {
    const workflow = await apiCall(stack, 'POST', '/workflows', {
      ...asOwner(),
      body: {
        name: 'Order follow-up',
        trigger: { type: 'manual' },
        steps: [
          { type: 'publish_event', eventType: 'order.followed_up', payload: {} },
          { type: 'delay', duration: 'PT1S' },
        ],
      },
    });
    expect(workflow.status).toBe(201);
    const run = await apiCall(stack, 'POST', `/workflows/${workflow.body.id}/run`, {
      ...asOwner(),
      body: { input: {} },
    });
    expect(run.status).toBe(202);

    const memberPage = watched[1]!.page;
    await signInThroughConsole(memberPage, stack, member);
    await memberPage.getByLabel('Organization').selectOption({ label: "Owner's organization (member)" });
    await memberPage.getByText(/managed by its admins and owners/).waitFor();
    expect(await memberPage.getByRole('button', { name: 'Add endpoint' }).count()).toBe(0);
    await inspect('pages-webhooks-member', memberPage);

    await memberPage.goto(`${stack.appUrl}/jobs`);
    await memberPage.getByText('Queue statistics and failed jobs are shown to platform operators only.').waitFor();
    expect(await memberPage.getByTestId('queue-stats').count()).toBe(0);
    await memberPage.getByText(/requested and downloaded by its admins and owners/).waitFor();
    await memberPage.getByRole('button', { name: /manual, v1, 2 steps/ }).click();
    await memberPage.getByText('1. Publish event', { exact: true }).waitFor();
    await memberPage.getByText('2. Delay', { exact: true }).waitFor();
    expect(await memberPage.getByRole('button', { name: /Retry from|Cancel run/ }).count()).toBe(0);
    await inspect('pages-jobs-member', memberPage);
  });

  it('polls queue statistics one request at a time and stops on leaving; a report downloads', async () => {
    let inFlight = 0;
    let most = 0;
    let polls = 0;
    const isStats = (url: string) => url.endsWith('/api/v1/queue/stats');
    page.on('request', (request) => {
      if (!isStats(request.url())) return;
      polls++;
      most = Math.max(most, ++inFlight);
    });
    const ended = (request: Request) => {
      if (isStats(request.url())) inFlight--;
    };
    page.on('requestfinished', ended);
    page.on('requestfailed', ended);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    const stats = page.getByTestId('queue-stats');
    await waitFor(async () => (await stats.locator('tbody tr').count()) === 4, 'a row per queue');
    await waitFor(() => polls >= 3, 'three polls', 20_000);
    expect(most).toBe(1);

    await page.getByLabel('Report', { exact: true }).selectOption('webhook-deliveries');
    await page.getByRole('button', { name: 'Request report' }).click();
    const download = page.waitForEvent('download', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Download' }).click({ timeout: 20_000 });
    expect((await download).suggestedFilename()).toMatch(/^webhook-deliveries-[0-9a-f]{24}\.csv$/);
    await inspect('pages-jobs-desktop');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    const after = polls;
    await page.waitForTimeout(6_000);
    expect(polls).toBe(after);
  });
});
