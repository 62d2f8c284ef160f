import type { WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';

/** Knows this process's BullMQ workers: whether they run, and how to stop them first on shutdown. */
export class WorkerStatus implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerStatus.name);

  constructor(private readonly hosts: WorkerHost[]) {}

  queues(): { queue: string; running: boolean }[] {
    return this.hosts.map((host) => ({ queue: host.worker.name, running: host.worker.isRunning() }));
  }

  /**
   * Runs before any connection closes: stop taking jobs and wait for the active ones, which still
   * need Mongo and Redis to record their result.
   */
  async beforeApplicationShutdown() {
    this.logger.log({ message: 'waiting for active jobs', queues: this.queues().map((q) => q.queue) });
    await Promise.all(this.hosts.map((host) => host.worker.close()));
  }
}
