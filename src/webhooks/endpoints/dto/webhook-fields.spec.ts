import type { BadRequestException } from '@nestjs/common';
import { ZodPipe } from '../../../common/validation/zod.pipe.js';
import { headerNameProblem } from '../custom-headers.js';
import { subscribesTo } from '../event-types.js';
import { createWebhookBody } from './create-webhook.dto.js';
import { updateWebhookBody } from './update-webhook.dto.js';

const problems = (pipe: ZodPipe<any>, body: unknown) => {
  try {
    pipe.transform(body);
  } catch (error) {
    return ((error as BadRequestException).getResponse() as { details: unknown[] }).details;
  }
  return [];
};

describe('delivery header names', () => {
  it('accepts ordinary names', () => {
    for (const name of ['x-team', 'authorization', 'x-api-key', 'a1']) expect(headerNameProblem(name)).toBeNull();
  });

  it('refuses hop-by-hop, framing and webhook-* names', () => {
    for (const name of [
      'connection',
      'keep-alive',
      'transfer-encoding',
      'upgrade',
      'te',
      'trailer',
      'proxy-authorization',
      'host',
      'content-length',
      'content-type',
    ]) {
      expect(headerNameProblem(name)).toBe('is set by the sender and cannot be overridden');
    }
    for (const name of ['webhook-signature', 'webhook-id', 'webhook-timestamp', 'webhook-anything']) {
      expect(headerNameProblem(name)).toBe('is reserved for the webhook signature (webhook-*)');
    }
  });

  it('refuses names that are not plain tokens', () => {
    for (const name of ['', 'x team', 'x:y', '$where', 'a.b', '-x', 'x-', `x${'a'.repeat(64)}`])
      expect(headerNameProblem(name)).toMatch(/^must be a header name/);
  });
});

describe('event type matching', () => {
  it('matches exact names, and every name under *', () => {
    expect(subscribesTo(['user.created'], 'user.created')).toBe(true);
    expect(subscribesTo(['user.created'], 'user.deleted')).toBe(false);
    expect(subscribesTo(['user.created'], 'user.created.v2')).toBe(false);
    expect(subscribesTo(['user'], 'user.created')).toBe(false);
    expect(subscribesTo(['*'], 'anything.at_all')).toBe(true);
    expect(subscribesTo([], 'user.created')).toBe(false);
  });
});

describe('webhook bodies', () => {
  const create = new ZodPipe(createWebhookBody);
  const update = new ZodPipe(updateWebhookBody);

  it('fills defaults, lower-cases header names and drops repeated event types', () => {
    expect(
      create.transform({
        url: ' https://example.com/h ',
        eventTypes: ['user.created', 'user.created'],
        headers: { 'X-Team': 'crm' },
      }),
    ).toEqual({
      url: 'https://example.com/h',
      description: '',
      eventTypes: ['user.created'],
      headers: { 'x-team': 'crm' },
      rateLimitPerSecond: null,
      metadata: {},
    });
  });

  it('names each bad header, event type, metadata key and limit', () => {
    expect(
      problems(create, {
        url: 'https://example.com/h',
        eventTypes: ['user.created', 'User Created', '*'],
        headers: {
          Connection: 'close',
          'Webhook-Signature': 'v1,x',
          'X-A': '1',
          'x-a': '2',
          'x-ok': 'line\r\nx-evil: 1',
        },
        metadata: { 'a.b': 'x', $where: 'y' },
        rateLimitPerSecond: 0,
      }),
    ).toEqual(
      expect.arrayContaining([
        { field: 'eventTypes.1', problem: 'must be an event type such as user.created, or *' },
        { field: 'headers.Connection', problem: 'is set by the sender and cannot be overridden' },
        { field: 'headers.Webhook-Signature', problem: 'is reserved for the webhook signature (webhook-*)' },
        { field: 'headers.x-a', problem: 'is given twice (header names ignore case)' },
        { field: 'headers.x-ok', problem: 'must be printable characters without line breaks' },
        { field: 'metadata.a.b', problem: 'must be a key of 1 to 40 letters, digits, _ or -' },
        { field: 'metadata.$where', problem: 'must be a key of 1 to 40 letters, digits, _ or -' },
        { field: 'rateLimitPerSecond', problem: 'must be a whole number from 1 to 10000' },
      ]),
    );
    expect(problems(create, { url: 'not a url', eventTypes: [] })).toEqual([
      { field: 'url', problem: 'must be a URL' },
      { field: 'eventTypes', problem: 'must name at least one event type (or *)' },
    ]);
  });

  it('bounds headers and metadata', () => {
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`x-h${i}`, 'v']));
    expect(problems(create, { url: 'https://e.com', eventTypes: ['*'], headers: many, metadata: many })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'headers' }),
        expect.objectContaining({ field: 'metadata' }),
      ]),
    );
  });

  it('updates only what is given, disables but never enables, and refuses an empty change', () => {
    expect(update.transform({ enabled: false })).toEqual({ enabled: false });
    expect(update.transform({ rateLimitPerSecond: null })).toEqual({ rateLimitPerSecond: null });
    expect(problems(update, { enabled: true })).toEqual([
      { field: 'enabled', problem: 'can only be false here: enable with POST /webhooks/{id}/enable' },
    ]);
    expect(problems(update, {})).toEqual([{ field: '(body)', problem: 'must change at least one field' }]);
    expect(problems(update, { secret: 'whsec_x' })).toEqual([{ field: 'secret', problem: 'is not a known field' }]);
  });
});
