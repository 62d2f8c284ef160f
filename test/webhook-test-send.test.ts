import type { RunningProcess } from '../scripts/lib/processes.mjs';
import type { TestAccount } from './support/accounts.js';
import type { TestApi } from './support/api.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { createEndpoint, startStack } from './support/webhook-stack.js';

describe('POST /webhooks/:id/test (API, worker process, a real receiver)', () => {
  let api: TestApi;
  let worker: RunningProcess;
  let account: TestAccount;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    ({ api, worker, account } = await startStack());
    // Slow enough that the eight attempts overlap and are logged in some order of their own.
    receiver = await startWebhookReceiver({ delayMs: 200 });
  });

  afterAll(async () => {
    await api?.close();
    await worker?.stop();
    await receiver?.close();
  });

  it('answers each of 8 concurrent tests of one endpoint with its own attempt', async () => {
    const endpoint = await createEndpoint(api, account, receiver, ['nothing.subscribed']);
    const sendTest = () =>
      api.request('POST', `/webhooks/${endpoint.id}/test`, {
        token: account.accessToken,
        headers: { 'x-org-id': account.orgId },
      });
    const answers = await Promise.all(Array.from({ length: 8 }, sendTest));

    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    for (const answer of answers)
      expect(answer.body).toMatchObject({ outcome: 'success', statusCode: 200, attempt: 1 });
    const messageIds = answers.map((a) => a.body.messageId as string);
    expect(new Set(messageIds).size).toBe(8);
    // Each answer is the attempt that delivered its own message to the receiver.
    const received = new Set(receiver.received.map((r) => r.id));
    for (const messageId of messageIds) expect(received).toContain(`msg_${messageId}`);
  });
});
