import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from './support/test-env.js';
import { createEndpoint, publish, type WebhookTestStack, withWebhookStack } from './support/webhook-stack.js';

type Verify = (secret: string, headers: Record<string, string>, rawBody: string) => unknown;

/** The fenced code block right after `<!-- marker -->` in docs/webhooks.md, loaded as a module. */
async function docSnippet(marker: string, name: string): Promise<Verify> {
  const doc = readFileSync(new URL('../docs/webhooks.md', import.meta.url), 'utf8');
  const code = new RegExp(`<!-- ${marker} -->\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(doc)?.[1];
  if (!code) throw new Error(`docs/webhooks.md has no js block after <!-- ${marker} -->`);
  // Inside the repository, so `standardwebhooks` resolves from its node_modules.
  const dir = fileURLToPath(new URL('../.cache/doc-snippets/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}${marker}.mjs`, code);
  const module = (await import(`${dir}${marker}.mjs`)) as Record<string, Verify>;
  return module[name];
}

describe('docs/webhooks.md: the verification samples, against real deliveries', () => {
  let stack: WebhookTestStack;
  withWebhookStack({}, (started) => (stack = started));

  const deliveryOf = async (type: string) => {
    expect((await publish(stack.api, stack.account, { type, payload: { orderId: 'o_123' } })).status).toBe(202);
    const received = await waitFor(
      () => stack.receiver.received.find((r) => r.body.includes(`"type":"${type}"`)),
      `the ${type} delivery`,
    );
    return { headers: received.headers as Record<string, string>, body: received.body };
  };

  it.each([
    ['verify-with-library', 'verifyWithLibrary'],
    ['verify-by-hand', 'verifyByHand'],
  ])(
    '%s accepts a genuine delivery, with either secret during a rotation, and refuses tampering',
    async (marker, name) => {
      const verify = await docSnippet(marker, name);
      const endpoint = await createEndpoint(stack.api, stack.account, stack.receiver, [
        `doc.${name.toLowerCase()}`,
        `doc.${name.toLowerCase()}_after`,
      ]);
      const first = await deliveryOf(`doc.${name.toLowerCase()}`);
      expect(verify(endpoint.secret, first.headers, first.body)).toEqual({
        type: `doc.${name.toLowerCase()}`,
        timestamp: expect.any(String),
        data: { orderId: 'o_123' },
      });

      const rotated = await stack.api.request('POST', `/webhooks/${endpoint.id}/secret/rotate`, {
        token: stack.account.accessToken,
        headers: { 'x-org-id': stack.account.orgId },
      });
      expect(rotated.status).toBe(200);
      const after = await deliveryOf(`doc.${name.toLowerCase()}_after`);
      expect(after.headers['webhook-signature'].split(' ')).toHaveLength(2);
      for (const secret of [endpoint.secret, rotated.body.secret as string])
        expect(verify(secret, after.headers, after.body)).toMatchObject({ data: { orderId: 'o_123' } });

      expect(() => verify(endpoint.secret, first.headers, first.body.replace('o_123', 'o_999'))).toThrow();
      expect(() => verify(endpoint.secret, { ...first.headers, 'webhook-id': 'msg_other' }, first.body)).toThrow();
      const old = String(Number(first.headers['webhook-timestamp']) - 600);
      expect(() => verify(endpoint.secret, { ...first.headers, 'webhook-timestamp': old }, first.body)).toThrow();
    },
  );
});
