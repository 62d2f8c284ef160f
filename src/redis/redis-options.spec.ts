import { redisOptionsFromUrl } from './redis-options.js';

describe('redisOptionsFromUrl', () => {
  it('reads host, port, credentials and database', () => {
    expect(redisOptionsFromUrl('redis://app:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'app',
      password: 'p@ss',
      db: 2,
      tls: undefined,
    });
  });

  it('defaults the port and database, and turns on TLS for rediss://', () => {
    expect(redisOptionsFromUrl('rediss://:secret@[::1]')).toEqual({
      host: '::1',
      port: 6379,
      username: undefined,
      password: 'secret',
      db: 0,
      tls: {},
    });
  });
});
