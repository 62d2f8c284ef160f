import { Webhook } from 'standardwebhooks';
import { newEndpointSecret } from '../endpoints/endpoint-secrets.js';
import { signatureHeader, webhookHeaders } from './signature.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Standard Webhooks signing, checked by the official standardwebhooks package', () => {
  const secret = newEndpointSecret();

  it('makes secrets of whsec_ and 32 random bytes', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newEndpointSecret()).not.toBe(secret);
  });

  it.each([
    ['a flat body', JSON.stringify({ type: 'user.created', data: { id: 'u_1' } })],
    ['unicode', JSON.stringify({ name: 'Zoë 😀 ñandú 東京', note: 'line\nbreak "quoted" \u2028' })],
    [
      'nested JSON',
      JSON.stringify({
        a: { b: { c: [1, { d: [true, null, { e: 'deep' }] }] } },
        list: Array.from({ length: 50 }, (_, i) => ({ i })),
      }),
    ],
  ])('verifies %s', (_what, body) => {
    const headers = webhookHeaders('msg_1', nowSeconds(), body, [secret]);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('sets the id, timestamp and JSON content type', () => {
    const timestamp = nowSeconds();
    expect(webhookHeaders('msg_2', timestamp, '{}', [secret])).toMatchObject({
      'webhook-id': 'msg_2',
      'webhook-timestamp': String(timestamp),
      'content-type': 'application/json',
    });
  });

  it('fails verification of a tampered body', () => {
    const headers = webhookHeaders('msg_3', nowSeconds(), '{"amount":1}', [secret]);
    expect(() => new Webhook(secret).verify('{"amount":1000}', { ...headers })).toThrow();
  });

  it('fails verification of an old timestamp', () => {
    const body = '{"amount":1}';
    const headers = webhookHeaders('msg_4', nowSeconds() - 10 * 60, body, [secret]);
    expect(() => new Webhook(secret).verify(body, { ...headers })).toThrow(/timestamp/i);
  });

  it('fails verification with another secret', () => {
    const body = '{"amount":1}';
    const headers = webhookHeaders('msg_5', nowSeconds(), body, [secret]);
    expect(() => new Webhook(newEndpointSecret()).verify(body, { ...headers })).toThrow();
  });

  it('signs with every secret during a rotation, so both verify', () => {
    const [oldSecret, newSecret] = [newEndpointSecret(), newEndpointSecret()];
    const body = '{"rotating":true}';
    const headers = webhookHeaders('msg_6', nowSeconds(), body, [newSecret, oldSecret]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(body, { ...headers })).toEqual({ rotating: true });
    expect(new Webhook(newSecret).verify(body, { ...headers })).toEqual({ rotating: true });
  });

  it('agrees byte for byte with the package signer', () => {
    const timestamp = nowSeconds();
    expect(signatureHeader([secret], 'msg_7', timestamp, '{"x":"é"}')).toBe(
      new Webhook(secret).sign('msg_7', new Date(timestamp * 1000), '{"x":"é"}'),
    );
  });

  it('refuses to sign without a secret, or with something that is not one', () => {
    expect(() => signatureHeader([], 'msg_8', nowSeconds(), '{}')).toThrow(RangeError);
    expect(() => signatureHeader(['not-a-secret'], 'msg_8', nowSeconds(), '{}')).toThrow(/whsec_/);
  });
});
