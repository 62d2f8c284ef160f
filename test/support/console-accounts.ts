import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import type { ConsoleStack } from './console-stack.js';
import { operatorCommand } from './operators.js';

export interface ConsoleAccount {
  email: string;
  password: string;
  token: string;
  orgId: string;
}

/** Calls the stack's API as a REST client would, for what the pages under test do not do themselves. */
export async function apiCall(
  stack: ConsoleStack,
  method: string,
  path: string,
  { token, orgId, body }: { token?: string; orgId?: string; body?: unknown } = {},
) {
  const response = await fetch(`${stack.appUrl.replace(/\/app$/, '/api/v1')}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(orgId ? { 'x-org-id': orgId } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A registered user (a platform operator if asked), signed in through the API for the setup calls. */
export async function consoleAccount(stack: ConsoleStack, name: string, operator = false): Promise<ConsoleAccount> {
  const email = `${name.toLowerCase()}-${Date.now()}@example.com`;
  const password = 'correct horse battery staple 42';
  const registered = await apiCall(stack, 'POST', '/auth/register', { body: { email, password, name } });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
  if (operator && (await operatorCommand(stack.env, 'grant', email)).code !== 0) throw new Error('grant failed');
  const login = await apiCall(stack, 'POST', '/auth/login', { body: { email, password } });
  const orgs = await apiCall(stack, 'GET', '/orgs', { token: login.body.accessToken });
  return { email, password, token: login.body.accessToken, orgId: orgs.body.items[0].id };
}

/** `member` joins `owner`'s organization with the token of the invitation email (read from the outbox). */
export async function joinAsMember(stack: ConsoleStack, owner: ConsoleAccount, member: ConsoleAccount) {
  const invited = await apiCall(stack, 'POST', `/orgs/${owner.orgId}/invitations`, {
    token: owner.token,
    body: { email: member.email, role: 'member' },
  });
  const db = await mongoose.createConnection(stack.env.MONGO_URI!).asPromise();
  try {
    const mail = await db.collection('email_messages').findOne({ dedupeKey: `invitation:${invited.body.id}` });
    const token = new URL(mail!.variables.acceptUrl).searchParams.get('token');
    const accepted = await apiCall(stack, 'POST', '/invitations/accept', { token: member.token, body: { token } });
    if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}`);
  } finally {
    await db.close();
  }
}

export async function signInThroughConsole(page: Page, stack: ConsoleStack, account: ConsoleAccount) {
  await page.goto(stack.appUrl);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/app/webhooks');
}
