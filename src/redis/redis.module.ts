import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { redisOptionsFromUrl } from './redis-options.js';

/** The request-path client: it never queues commands while disconnected and gives up after a budget. */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Redis({
          ...redisOptionsFromUrl(config.redis.url),
          enableOfflineQueue: false,
          commandTimeout: config.redis.commandTimeoutMs,
          connectTimeout: config.redis.commandTimeoutMs * 4,
          maxRetriesPerRequest: 1,
          // Keep reconnecting in the background, never faster than every 2 s.
          retryStrategy: (times) => Math.min(times * 100, 2_000),
          lazyConnect: false,
        }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
