import { attemptResult } from '../outbox/attempt-result.fixture.js';
import { endpointHealth } from './endpoint-gate.js';

describe('endpointHealth', () => {
  const result = attemptResult;

  it.each([
    ['success', 200, 'up'],
    ['http_error', 400, 'up'],
    ['http_error', 410, 'up'],
    ['http_error', 408, 'down'],
    ['http_error', 429, 'down'],
    ['http_error', 503, 'down'],
    ['timeout', null, 'down'],
    ['network', null, 'down'],
    ['blocked', null, 'neutral'],
  ] as const)('%s (status %s) means the receiver is %s', (outcome, status, health) => {
    expect(endpointHealth(result(outcome, status))).toBe(health);
  });
});
