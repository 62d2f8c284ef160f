import { Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { liveSecrets, MAX_SECRETS, PREVIOUS_SECRET_GRACE_MS, rotatedSecrets } from './endpoint-secrets.js';
import type { EndpointSecret, WebhookEndpointRecord } from './webhook-endpoint.schema.js';
import { webhookEndpointView } from './webhook-endpoint-views.js';

const box = new SecretBox([{ id: 'k1', key: randomBytes(32) }]);
const now = new Date('2030-01-02T03:04:05Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const secret = (label: string, expiresAt: Date | null, createdAt = now): EndpointSecret => ({
  sealed: box.encrypt(label, 'endpoint'),
  createdAt,
  expiresAt,
});

describe('webhook endpoint views', () => {
  const plaintext = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXM=';
  const id = new Types.ObjectId();
  const record: WebhookEndpointRecord = {
    _id: id,
    orgId: new Types.ObjectId(),
    url: 'https://example.com/hook',
    description: 'CRM',
    eventTypes: ['user.created'],
    enabled: false,
    disabledReason: 'gone',
    failingSince: now,
    secrets: [{ sealed: box.encrypt(plaintext, id.toHexString()), createdAt: now, expiresAt: null }],
    headers: { 'x-team': 'crm' },
    rateLimitPerSecond: 5,
    metadata: { owner: 'ops' },
    createdAt: now,
    updatedAt: now,
  };

  it('shows the configuration and never the secret, sealed or not', () => {
    const view = webhookEndpointView(record);
    expect(view).toEqual({
      id: id.toHexString(),
      url: 'https://example.com/hook',
      description: 'CRM',
      eventTypes: ['user.created'],
      enabled: false,
      disabledReason: 'gone',
      failingSince: now,
      headers: { 'x-team': 'crm' },
      rateLimitPerSecond: 5,
      metadata: { owner: 'ops' },
      createdAt: now,
      updatedAt: now,
    });
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/secret|sealed|ciphertext|keyId|"iv"|"tag"|orgId/);
    expect(text).not.toContain(record.secrets[0]!.sealed.ciphertext);
  });

  it('fills what an older document may lack', () => {
    const { headers: _h, metadata: _m, description: _d, ...bare } = record;
    expect(
      webhookEndpointView({ ...bare, rateLimitPerSecond: undefined } as unknown as WebhookEndpointRecord),
    ).toMatchObject({
      headers: {},
      metadata: {},
      description: '',
      rateLimitPerSecond: null,
    });
  });
});

describe('endpoint secrets', () => {
  it('rotation puts the new secret first and gives the replaced one 24 hours', () => {
    const fresh = secret('new', null);
    const rotated = rotatedSecrets([secret('old', null, hours(-100))], fresh, now);
    expect(rotated).toEqual([
      fresh,
      expect.objectContaining({ expiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS) }),
    ]);
    expect(box.decrypt(rotated[1]!.sealed, 'endpoint')).toBe('old');
  });

  it('rotation drops expired secrets and keeps at most a few', () => {
    const expired = secret('expired', hours(-1));
    expect(rotatedSecrets([secret('current', null), expired], secret('new', null), now)).toHaveLength(2);
    const many = [secret('current', null), ...Array.from({ length: 10 }, (_, i) => secret(`p${i}`, hours(i + 1)))];
    expect(rotatedSecrets(many, secret('new', null), now)).toHaveLength(MAX_SECRETS);
  });

  it('signs with the current secret and the unexpired replaced ones', () => {
    const current = secret('current', null);
    const live = secret('live', hours(1));
    expect(liveSecrets([current, live, secret('expired', hours(-1)), secret('at-expiry', now)], now)).toEqual([
      current,
      live,
    ]);
  });
});
