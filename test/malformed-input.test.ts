import { signUp, type TestAccount } from './support/accounts.js';
import { startApi, type TestApi } from './support/api.js';
import { isolatedEnv } from './support/test-env.js';

interface Route {
  method: string;
  /** Under /api/v1, with `{name}` placeholders. */
  path: string;
  params: string[];
  bodyFields: string[] | null;
  queryFields: string[];
}

interface Case {
  route: Route;
  variant: string;
  status: number;
  body: { statusCode?: number; error?: unknown; message?: unknown; requestId?: unknown; details?: { field: string }[] };
  expected: number;
}

/** Every route the OpenAPI document lists (a test elsewhere keeps it equal to the routes served). */
async function routesOf(api: TestApi): Promise<Route[]> {
  const document = (await (await fetch(api.url.replace('/api/v1', '/api/docs-json'))).json()) as {
    paths: Record<string, Record<string, any>>;
  };
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries<any>(operations)) {
      const parameters: { in: string; name: string }[] = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method.toUpperCase(),
        path: path.replace(/^\/api\/v1/, ''),
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        bodyFields: body ? Object.keys(body.properties ?? {}) : null,
        queryFields: parameters.filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return routes;
}

const VALID_LOOKING_ID = '0123456789abcdef01234567';

describe('malformed input on every route (one error format, never a 500)', () => {
  let api: TestApi;
  let routes: Route[];

  beforeAll(async () => {
    api = await startApi(
      isolatedEnv({
        BODY_LIMIT: '4096',
        RATE_LIMIT_OVERRIDES: 'register=1000/1h,invitations=1000/1m,mfa=1000/1m,password-change=1000/1m',
      }),
    );
    routes = await routesOf(api);
  });

  afterAll(async () => {
    await api?.close();
  });

  /** A fresh account per route: a route must not change state another case relies on. */
  async function fill(route: Route, account: TestAccount, badParam?: string) {
    const values: Record<string, string> = { id: account.orgId, userId: account.userId };
    return route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === badParam ? 'not-an-id' : (values[name] ?? VALID_LOOKING_ID),
    );
  }

  async function send(
    route: Route,
    account: TestAccount,
    variant: string,
    init: { path?: string; raw?: string; type?: string; json?: unknown },
  ) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${account.accessToken}`,
      'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    };
    let body: string | undefined;
    if (init.json !== undefined) [body, headers['content-type']] = [JSON.stringify(init.json), 'application/json'];
    if (init.raw !== undefined) [body, headers['content-type']] = [init.raw, init.type ?? 'application/json'];
    const response = await fetch(`${api.url}${init.path ?? (await fill(route, account))}`, {
      method: route.method,
      headers,
      body,
    });
    const text = await response.text();
    return { route, variant, status: response.status, body: text ? JSON.parse(text) : {} };
  }

  function problems(cases: Case[]): string[] {
    return cases
      .filter(
        ({ status, body, expected }) =>
          status !== expected ||
          body.statusCode !== status ||
          typeof body.message !== 'string' ||
          typeof body.requestId !== 'string' ||
          typeof body.error !== 'string',
      )
      .map(
        ({ route, variant, status, expected, body }) =>
          `${route.method} ${route.path} [${variant}]: expected ${expected}, got ${status} ${JSON.stringify(body)}`,
      );
  }

  it('answers bad ids in the path with 400 naming the parameter', async () => {
    const cases: Case[] = [];
    for (const route of routes.filter((r) => r.params.length)) {
      const account = await signUp(api);
      for (const param of route.params) {
        const result = await send(route, account, `bad ${param}`, {
          path: await fill(route, account, param),
          json: route.bodyFields ? {} : undefined,
        });
        cases.push({ ...result, expected: 400 });
        // With a body the body may be judged first; either way the answer names what is wrong.
        const named = ((result.body.details ?? []) as { field: string }[]).map((detail) => detail.field);
        if (route.bodyFields) expect(named.length).toBeGreaterThan(0);
        else expect(named).toContain(param);
      }
    }
    expect(cases.length).toBeGreaterThan(10);
    expect(problems(cases)).toEqual([]);
  });

  it('answers broken, oversized, non-JSON, mistyped, unknown and operator-laden bodies with a 4xx', async () => {
    const cases: Case[] = [];
    for (const route of routes.filter((r) => r.bodyFields)) {
      const account = await signUp(api);
      const fields = route.bodyFields!;
      const each = (value: unknown) => Object.fromEntries(fields.map((field) => [field, value]));
      const variants: [string, Parameters<typeof send>[3], number][] = [
        ['broken JSON', { raw: '{"email":' }, 400],
        ['not JSON', { raw: 'email=a@b.co', type: 'application/x-www-form-urlencoded' }, 415],
        ['plain text', { raw: 'hello', type: 'text/plain' }, 415],
        ['too large', { json: { padding: 'x'.repeat(5_000) } }, 413],
        ['an array', { raw: '[{"$ne":null}]' }, 400],
        ['Mongo operators', { json: each({ $ne: null }) }, 400],
        ['wrong types', { json: each(12_345) }, 400],
        ['unknown fields', { json: { ...each('x'), $where: 'sleep(1000)', isAdmin: true } }, 400],
        ['a prototype key', { raw: `{"${fields[0]}":{"__proto__":{"isAdmin":true}}}` }, 400],
      ];
      for (const [variant, init, expected] of variants)
        cases.push({ ...(await send(route, account, variant, init)), expected });
    }
    expect(cases.length).toBeGreaterThan(50);
    expect(problems(cases)).toEqual([]);
  });

  it('answers malformed query values with 400', async () => {
    const cases: Case[] = [];
    for (const route of routes.filter((r) => r.queryFields.length)) {
      const account = await signUp(api);
      const base = await fill(route, account);
      for (const [variant, query] of [
        ['negative limit', 'limit=-5'],
        ['text limit', 'limit=lots'],
        ['operator cursor', 'cursor[$ne]=1'],
        ['unknown parameter', 'where=1'],
      ]) {
        cases.push({ ...(await send(route, account, variant!, { path: `${base}?${query}` })), expected: 400 });
      }
    }
    expect(cases.length).toBeGreaterThan(0);
    expect(problems(cases)).toEqual([]);
  });
});
