import { PLATFORM_EVENT_TYPES } from '../src/webhooks/endpoints/event-types.js';
import { startApi, type TestApi } from './support/api.js';
import { isolatedEnv } from './support/test-env.js';

describe('GET /event-types', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(isolatedEnv());
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists every platform event type with an example delivery body, to anyone', async () => {
    const catalog = await api.request('GET', '/event-types');
    expect(catalog.status).toBe(200);
    expect(catalog.body.items.map((entry: { type: string }) => entry.type)).toEqual([...PLATFORM_EVENT_TYPES]);
    expect(catalog.body.items.find((entry: { type: string }) => entry.type === 'report.completed')).toEqual({
      type: 'report.completed',
      description: expect.any(String),
      example: {
        type: 'report.completed',
        timestamp: expect.any(String),
        data: expect.objectContaining({ reportId: expect.any(String), expiresAt: expect.any(String) }),
      },
    });
  });
});
