import { summarize } from './webhook-summary.js';

const endpoint = (id: string) => ({ toHexString: () => id });

describe('summarize', () => {
  it('gives each endpoint its attempts, success rate, p50/p95 and failures by outcome', async () => {
    const attempts = [
      ...Array.from({ length: 19 }, (_, i) => ({ endpointId: endpoint('a'), outcome: 'success', durationMs: i + 1 })),
      { endpointId: endpoint('a'), outcome: 'timeout', durationMs: 1_000 },
      { endpointId: endpoint('b'), outcome: 'http_error', durationMs: 5 },
    ];
    const rows = await summarize(
      (async function* () {
        yield* attempts;
      })(),
      ['http_error', 'timeout'],
    );
    expect(rows).toEqual([
      {
        endpointId: 'a',
        attempts: 20,
        successRate: 0.95,
        p50DurationMs: 10,
        p95DurationMs: 19,
        failed_http_error: 0,
        failed_timeout: 1,
      },
      {
        endpointId: 'b',
        attempts: 1,
        successRate: 0,
        p50DurationMs: 5,
        p95DurationMs: 5,
        failed_http_error: 1,
        failed_timeout: 0,
      },
    ]);
  });
});
