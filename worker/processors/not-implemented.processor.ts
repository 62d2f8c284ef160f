import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, type Type } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import type { QueueName } from '../../src/config/env.schema.js';

/**
 * A queue whose work is not built yet still gets a consumer, so its jobs end visibly failed with
 * the reason instead of waiting forever or pretending to succeed.
 */
export function notImplementedProcessor(queue: QueueName): Type<WorkerHost> {
  @Injectable()
  class NotImplementedProcessor extends WorkerHost {
    async process(job: Job): Promise<never> {
      throw new UnrecoverableError(`${queue} jobs are not implemented yet (job "${job.name}")`);
    }
  }
  Object.defineProperty(NotImplementedProcessor, 'name', {
    value: `${queue[0]!.toUpperCase()}${queue.slice(1)}Processor`,
  });
  return NotImplementedProcessor;
}
