import { describe, expect, it } from '@jest/globals';
import { EMPTY_FORM, endpointBody, formErrorsFromApi, formFromEndpoint } from './endpoint-input.js';
import type { Endpoint } from './webhook-types.js';

const filled = { ...EMPTY_FORM, url: ' https://hooks.example.com/np ', eventTypes: ['user.created'] };

describe('endpointBody', () => {
  it('builds the body the API takes, trimmed, with no rate limit when the field is empty', () => {
    expect(endpointBody({ ...filled, description: '  Billing  ' })).toEqual({
      body: {
        url: 'https://hooks.example.com/np',
        description: 'Billing',
        eventTypes: ['user.created'],
        rateLimitPerSecond: null,
      },
    });
  });

  it("adds the organization's own event types, once each", () => {
    const result = endpointBody({ ...filled, otherEventTypes: 'order.created, order.paid order.created' });
    expect(result).toMatchObject({ body: { eventTypes: ['user.created', 'order.created', 'order.paid'] } });
  });

  it('sends only * when every type is chosen', () => {
    const result = endpointBody({ ...filled, eventTypes: ['user.created', '*'], otherEventTypes: 'order.paid' });
    expect(result).toMatchObject({ body: { eventTypes: ['*'] } });
  });

  it('reads a rate limit as a whole number from 1 to 10000', () => {
    expect(endpointBody({ ...filled, rateLimit: '25' })).toMatchObject({ body: { rateLimitPerSecond: 25 } });
    for (const rateLimit of ['0', '2.5', '10001', 'fast'])
      expect(endpointBody({ ...filled, rateLimit })).toEqual({
        errors: { rateLimit: 'A whole number from 1 to 10000, or empty for no limit.' },
      });
  });

  it('names every field that is wrong at once', () => {
    const result = endpointBody({ ...EMPTY_FORM, description: 'x'.repeat(501), otherEventTypes: 'Order Created' });
    expect(result).toEqual({
      errors: {
        url: 'Enter the URL deliveries go to.',
        description: 'At most 500 characters.',
        otherEventTypes: expect.stringContaining('Order, Created'),
      },
    });
  });

  it('asks for an event type, and for a URL the browser can read', () => {
    expect(endpointBody({ ...filled, url: 'hooks.example.com', eventTypes: [] })).toEqual({
      errors: {
        url: 'Enter a full URL starting with https://',
        eventTypes: 'Pick at least one event type, or all of them.',
      },
    });
    expect(endpointBody({ ...filled, url: 'ftp://hooks.example.com' })).toHaveProperty('errors.url');
  });
});

describe('formFromEndpoint', () => {
  it('ticks catalog types and * and puts the rest in the free-text field', () => {
    const endpoint = {
      url: 'https://hooks.example.com',
      description: '',
      eventTypes: ['*', 'user.created', 'order.paid'],
      rateLimitPerSecond: 5,
    } as Endpoint;
    expect(formFromEndpoint(endpoint, ['user.created', 'mfa.enabled'])).toEqual({
      url: 'https://hooks.example.com',
      description: '',
      eventTypes: ['*', 'user.created'],
      otherEventTypes: 'order.paid',
      rateLimit: '5',
    });
  });
});

describe('formErrorsFromApi', () => {
  it("puts the API's field problems next to the form's inputs", () => {
    expect(
      formErrorsFromApi([
        { field: 'url', problem: 'must reach a public address' },
        { field: 'eventTypes.0', problem: 'must be an event type' },
        { field: 'rateLimitPerSecond', problem: 'must be a whole number from 1 to 10000' },
        { field: 'metadata', problem: 'ignored: the form has no such input' },
      ]),
    ).toEqual({
      url: 'must reach a public address',
      eventTypes: 'must be an event type',
      rateLimit: 'must be a whole number from 1 to 10000',
    });
  });
});
