import { BullModule, type WorkerHost } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { coreModules } from '../src/app.module.js';
import type { AppConfig } from '../src/config/config.js';
import { DrainingWorker } from './draining-worker.js';
import { ProbeServer } from './probe-server.js';
import { consumersFor } from './processors/registry.js';
import { WorkerStatus } from './worker-status.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    BullModule.workerClass = DrainingWorker;
    const consumers = consumersFor(config.worker.queues, config);
    const processors = consumers.map((c) => c.processor);
    return {
      module: WorkerModule,
      imports: [...coreModules(config), ...consumers.flatMap((c) => c.imports ?? [])],
      providers: [
        ...processors,
        { provide: WorkerStatus, inject: processors, useFactory: (...hosts: WorkerHost[]) => new WorkerStatus(hosts) },
        ProbeServer,
      ],
    };
  }
}
