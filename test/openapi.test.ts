import mongoose from 'mongoose';
import { registerBody } from '../src/auth/auth.schemas.js';
import { toOpenApi } from '../src/openapi/zod-schema.js';
import { startApi, type TestApi } from './support/api.js';
import { isolatedEnv } from './support/test-env.js';

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
}

interface OpenApiDocument {
  openapi: string;
  webhooks?: Record<string, { post?: Operation }>;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string; scheme: string }>;
    schemas: Record<string, { required: string[] }>;
  };
}

/** Probes and scrapes skip the rate limiter; every other route can answer 429. */
const NOT_RATE_LIMITED = /^\/api\/v1\/(health|metrics)(\/|$)/;
const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

/**
 * "METHOD /path/{param}" for each route the Fastify router holds, read from its printed tree, in which
 * each line is one node: its path continues its parent's. HEAD (added for every GET) and OPTIONS (CORS
 * preflight) are Fastify's own, not the API's.
 */
function routesOf(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const node = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!node) continue;
    const depth = node[1]!.length / 4;
    stack.splice(depth, stack.length, node[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of node[3]?.split(', ') ?? []) {
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

const requiresBearer = (operation: Operation) =>
  Boolean(operation.security?.length) && !operation.security!.some((option) => Object.keys(option).length === 0);

describe('OpenAPI document at /api/docs and /api/docs-json', () => {
  let api: TestApi;
  let db: mongoose.Connection;
  let doc: OpenApiDocument;
  let operations: Map<string, Operation>;
  let routes: string[];

  beforeAll(async () => {
    const env = isolatedEnv();
    api = await startApi(env);
    db = await mongoose.createConnection(env.MONGO_URI!).asPromise();
    const response = await fetch(api.url.replace('/api/v1', '/api/docs-json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await response.json()) as OpenApiDocument;
    operations = new Map(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const),
      ),
    );
    const tree = api.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
    // The OpenAPI UI and the console's browser files (/app, test/console-serving.test.ts) are pages, not API routes.
    routes = routesOf(tree).filter((route) => !/^\/(api\/docs|app\b)/.test(route.split(' ')[1]!));
  });

  afterAll(async () => {
    await api?.close();
    await db?.dropDatabase();
    await db?.close();
  });

  it('is OpenAPI 3 with the bearer scheme and the one error shape, served without credentials', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'NovaPulse', version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.ErrorBody!.required).toEqual(['statusCode', 'error', 'message', 'requestId']);
  });

  it('documents what a subscribed endpoint receives in the top-level webhooks section (OpenAPI 3.1)', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const post = doc.webhooks?.event?.post;
    expect(post?.parameters?.map((p) => `${p.in} ${p.name}`)).toEqual([
      'header webhook-id',
      'header webhook-timestamp',
      'header webhook-signature',
    ]);
    expect(post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/WebhookEnvelope',
    });
    expect(doc.components.schemas.WebhookEnvelope!.required).toEqual(['type', 'timestamp', 'data']);
  });

  it('documents every route the app serves, and no other', () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/register',
        'DELETE /api/v1/orgs/{id}/members/{userId}',
        'GET /api/v1/health/live',
      ]),
    );
    expect([...operations.keys()].sort()).toEqual([...routes].sort());
  });

  it('gives every operation a summary, a 2xx answer, and the error answers its guards and pipes can give', () => {
    const gaps: string[] = [];
    for (const [route, operation] of operations) {
      const statuses = Object.keys(operation.responses);
      const expected = [
        ...(requiresBearer(operation) ? ['401', '403'] : []),
        ...(operation.parameters?.length || operation.requestBody ? ['400'] : []),
        ...(NOT_RATE_LIMITED.test(route.split(' ')[1]!) ? [] : ['429']),
      ];
      if (!operation.summary) gaps.push(`${route}: no summary`);
      const described2xx = Object.entries(operation.responses).some(
        ([status, response]) => /^2\d\d$/.test(status) && response.description,
      );
      if (!described2xx) gaps.push(`${route}: no described 2xx response`);
      for (const status of expected.filter((s) => !statuses.includes(s))) gaps.push(`${route}: no ${status} response`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (
          /^2\d\d$/.test(status) &&
          status !== '204' &&
          !Object.values(response.content ?? {}).some((media) => media.schema)
        ) {
          gaps.push(`${route}: ${status} has no schema`);
        }
        if (/^4\d\d$/.test(status) && response.content?.['application/json']?.schema?.$ref !== ERROR_BODY_REF) {
          gaps.push(`${route}: ${status} is not an ErrorBody`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it('documents what each route answers a caller without credentials, and which routes need them', async () => {
    const undocumented: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace('/api/v1', '').replace(/\{\w+\}/g, '0123456789abcdef01234567');
      const response = await api.request(method, url, {
        body: ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined,
      });
      const operation = operations.get(route)!;
      if (!(String(response.status) in operation.responses)) undocumented.push(`${route} answered ${response.status}`);
      if ((response.status === 401) !== requiresBearer(operation)) {
        undocumented.push(
          `${route}: answered ${response.status}, though the document says bearer auth is ${requiresBearer(operation) ? '' : 'not '}required`,
        );
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('documents request bodies from the zod schemas the routes validate with, unknown fields refused', async () => {
    const register = operations.get('POST /api/v1/auth/register')!.requestBody!.content['application/json']!.schema;
    expect(register).toEqual(toOpenApi(registerBody));
    expect(register).toMatchObject({
      additionalProperties: false,
      required: ['email', 'password', 'name'],
      properties: { email: { format: 'email' } },
    });
    const openBodies = [...operations]
      .filter(
        ([, operation]) =>
          operation.requestBody &&
          operation.requestBody.content['application/json']!.schema.additionalProperties !== false,
      )
      .map(([route]) => route);
    expect(openBodies).toEqual([]);
    const body = { email: 'a@example.com', password: 'correct horse battery', name: 'A', admin: true };
    const unknownField = await api.request('POST', '/auth/register', { body });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details).toEqual([{ field: 'admin', problem: 'is not a known field' }]);
  });

  it('serves the UI as HTML without credentials, with the document in its start-up script', async () => {
    const page = await fetch(api.url.replace('/api/v1', '/api/docs'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<div id="swagger-ui"></div>');
    const init = await fetch(api.url.replace('/api/v1', '/api/docs/docs/swagger-ui-init.js'));
    expect(init.status).toBe(200);
    expect(await init.text()).toContain('/api/v1/auth/register');
  });
});
