import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signUp, type TestAccount } from './accounts.js';
import type { TestApi } from './api.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run operator -- <action> <email>` as an operator runs it: the built command, in its own process. */
export function operatorCommand(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/src/operators/operator-command.js', ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A new account made a platform operator by the command. */
export async function signUpOperator(api: TestApi, env: Record<string, string>): Promise<TestAccount> {
  const account = await signUp(api, 'Grace Hopper');
  const granted = await operatorCommand(env, 'grant', account.email);
  if (granted.code !== 0) throw new Error(`operator grant failed: ${granted.stderr}`);
  return account;
}

/** Who the operator-only routes are tried with: an operator, an org admin, and that org's API key. */
export async function signUpOperatorRouteCallers(
  api: TestApi,
  env: Record<string, string>,
): Promise<{ operator: TestAccount; admin: TestAccount; apiKey: string }> {
  const operator = await signUpOperator(api, env);
  const admin = await signUp(api);
  const key = await api.request('POST', `/orgs/${admin.orgId}/api-keys`, {
    token: admin.accessToken,
    body: { name: 'all', scopes: ['orgs:read', 'audit:read'] },
  });
  return { operator, admin, apiKey: key.body.key };
}
