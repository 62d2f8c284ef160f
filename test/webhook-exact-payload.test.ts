import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { waitFor } from './support/test-env.js';
import type { WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, publishRaw, withWebhookStack } from './support/webhook-stack.js';

/** Numbers a double cannot hold: each would arrive changed (…992, 18446744073709552000, null, …) if parsed as one. */
const BIG_NUMBERS = [
  '9007199254740993',
  '18446744073709551615',
  '1e400',
  '-9223372036854775809',
  '3.141592653589793238462643383279',
];

describe('payloads arrive exactly as published (API, worker process, real receiver)', () => {
  let api: TestApi;
  let account: TestAccount;
  let receiver: WebhookReceiver;

  withWebhookStack({}, (stack) => ({ api, account, receiver } = stack));

  it('delivers numbers a double cannot hold digit for digit, signed so standardwebhooks verifies them', async () => {
    await createEndpoint(api, account, receiver, ['ledger.posted']);
    const data = `{"amounts":[${BIG_NUMBERS.join(',')}],"id":${BIG_NUMBERS[0]},"note":"exact"}`;
    const published = await publishRaw(api, account, `{"type":"ledger.posted","payload":${data}}`);
    expect(published.status).toBe(202);

    const delivery = await waitFor(
      () => receiver.received.find((r) => r.body.includes('"ledger.posted"')),
      'the delivery',
    );
    expect(delivery.verified).toBe(true);
    expect(delivery.body).toMatch(/^\{"type":"ledger\.posted","timestamp":"[^"]+","data":/);
    expect(delivery.body.slice(delivery.body.indexOf('"data":') + '"data":'.length, -1)).toBe(data);
  });

  it.each(['__proto__', 'constructor'])('refuses a %s key with a 400 that names it', async (key) => {
    const response = await publishRaw(
      api,
      account,
      `{"type":"order.created","payload":{"a":{"${key}":{"isAdmin":true}}}}`,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; details: { field: string }[] };
    expect(body.message).toContain(key);
    expect(body.details).toEqual([expect.objectContaining({ field: key })]);
  });
});
