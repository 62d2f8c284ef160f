import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES, type QueueName } from '../config/env.schema.js';

/**
 * Every queue by name, for the routes that read or act on any of them. Looked up on first use, so it
 * also serves code that runs before the application's init hooks (the queue board is set up then).
 */
@Injectable()
export class QueueRegistry {
  private queues?: Map<QueueName, Queue>;

  constructor(private readonly moduleRef: ModuleRef) {}

  get(name: QueueName): Queue {
    return this.byName().get(name)!;
  }

  all(): Queue[] {
    return [...this.byName().values()];
  }

  private byName(): Map<QueueName, Queue> {
    this.queues ??= new Map(
      QUEUE_NAMES.map((name) => [name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })]),
    );
    return this.queues;
  }
}
