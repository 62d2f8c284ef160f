import { redact, redactString } from './redact.js';

describe('redact', () => {
  it('replaces the values of sensitive keys at any depth', () => {
    const input = {
      email: 'ada@example.com',
      password: 'correct horse battery staple',
      nested: { refreshToken: 'rt_123', list: [{ apiKey: 'np_live_abc' }, { secret: 's' }] },
      headers: { authorization: 'Bearer abc', cookie: 'sid=1' },
      totpSecret: 'JBSWY3DPEHPK3PXP',
      recoveryCodes: ['a', 'b'],
    };
    expect(redact(input)).toEqual({
      email: 'ada@example.com',
      password: '[redacted]',
      nested: { refreshToken: '[redacted]', list: [{ apiKey: '[redacted]' }, { secret: '[redacted]' }] },
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      totpSecret: '[redacted]',
      recoveryCodes: '[redacted]',
    });
  });

  it('masks passwords inside connection URLs', () => {
    expect(redactString('connect to redis://default:s3cret@redis:6379 failed')).toBe(
      'connect to redis://default:[redacted]@redis:6379 failed',
    );
    expect(redact({ uri: 'mongodb://app:pa55@db/x' })).toEqual({ uri: 'mongodb://app:[redacted]@db/x' });
  });

  it('keeps errors readable and survives cycles', () => {
    const error = new Error('smtp://u:pw@mail refused');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redact({ error, cyclic })).toEqual({
      error: expect.objectContaining({ name: 'Error', message: 'smtp://u:[redacted]@mail refused' }),
      cyclic: { name: 'loop', self: '[circular]' },
    });
  });
});
