import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { BullMQOtel } from 'bullmq-otel';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { QUEUE_NAMES } from '../config/env.schema.js';
import { redisOptionsFromUrl } from '../redis/redis-options.js';
import { tracingEnabled } from '../tracing/tracing-lifecycle.js';
import { queuePolicy } from './queue-policies.js';
import { QueueProducer } from './queue-producer.js';

const queues = QUEUE_NAMES.map((name) =>
  BullModule.registerQueueAsync({
    name,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({ defaultJobOptions: queuePolicy(name, config).defaults }),
  }),
);

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // BullMQ needs blocking commands to wait indefinitely; its clients are kept off the request path.
        connection: {
          ...redisOptionsFromUrl(config.redis.url),
          maxRetriesPerRequest: null,
          // BullMQ's default backs off to 20 s between reconnects; after an outage, work resumes within 2 s.
          retryStrategy: (times: number) => Math.min(times * 200, 2_000),
        },
        // One hash tag keeps every key of every queue in one Redis Cluster slot.
        prefix: config.queues.prefix,
        // Queues and workers both take it: a job carries its producer's trace context to the worker.
        ...(tracingEnabled() ? { telemetry: new BullMQOtel({ tracerName: 'bullmq' }) } : {}),
      }),
    }),
    ...queues,
  ],
  providers: [QueueProducer],
  exports: [QueueProducer, ...queues],
})
export class QueuesModule {}
