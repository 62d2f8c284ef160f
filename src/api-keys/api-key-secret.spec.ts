import type { BadRequestException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { hashApiKey, looksLikeApiKey, newApiKeySecret } from './api-key-secret.js';
import { createApiKeyBody } from './dto/create-api-key.dto.js';

describe('API key secrets', () => {
  it('makes np_live_ keys of 32 random bytes, base64url, different every time', () => {
    const { key } = newApiKeySecret();
    expect(key).toMatch(/^np_live_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice('np_live_'.length), 'base64url')).toHaveLength(32);
    expect(newApiKeySecret().key).not.toBe(key);
  });

  it('keeps a 12-character visible prefix and the sha256 of the whole key, never the key', () => {
    const secret = newApiKeySecret();
    expect(secret.prefix).toBe(secret.key.slice(0, 12));
    expect(secret.hash).toBe(createHash('sha256').update(secret.key).digest('hex'));
    expect(hashApiKey(secret.key)).toBe(secret.hash);
    expect(Object.values({ prefix: secret.prefix, hash: secret.hash })).not.toContain(secret.key);
  });

  it('recognises only well-formed keys', () => {
    expect(looksLikeApiKey(newApiKeySecret().key)).toBe(true);
    expect(looksLikeApiKey('np_live_short')).toBe(false);
    expect(looksLikeApiKey(`np_test_${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikeApiKey(`np_live_${'a'.repeat(43)}x`)).toBe(false);
  });
});

describe('create API key body', () => {
  const pipe = new ZodPipe(createApiKeyBody);
  const problems = (body: unknown) => {
    try {
      pipe.transform(body);
    } catch (error) {
      return ((error as BadRequestException).getResponse() as { details: unknown[] }).details;
    }
    return [];
  };

  it('accepts known scopes and drops repeats', () => {
    expect(pipe.transform({ name: ' CI ', scopes: ['members:read', 'audit:read', 'members:read'] })).toEqual({
      name: 'CI',
      scopes: ['members:read', 'audit:read'],
    });
  });

  it('names the unknown scope, a missing name and unknown fields', () => {
    expect(problems({ name: 'CI', scopes: ['members:read', 'admin:all'] })).toEqual([
      { field: 'scopes.1', problem: expect.stringContaining('must be one of orgs:read') },
    ]);
    expect(problems({ scopes: ['orgs:read'] })).toEqual([{ field: 'name', problem: 'must be a name' }]);
    expect(problems({ name: 'CI', scopes: [] })).toEqual([
      { field: 'scopes', problem: 'must name at least one scope' },
    ]);
    expect(problems({ name: 'CI', scopes: ['orgs:read'], orgId: 'x' })).toEqual([
      { field: 'orgId', problem: 'is not a known field' },
    ]);
  });
});
