import { Processor, type WorkerHost } from '@nestjs/bullmq';
import type { ModuleMetadata, Type } from '@nestjs/common';
import type { AppConfig } from '../../src/config/config.js';
import type { QueueName } from '../../src/config/env.schema.js';
import { EmailDeliveryModule } from '../../src/email/email-delivery.module.js';
import { workerOptions } from '../../src/queues/queue-policies.js';
import { ReportGenerationModule } from '../../src/reports/generation/report-generation.module.js';
import { WebhookDeliveryModule } from '../../src/webhooks/webhook-delivery.module.js';
import { WorkflowExecutionModule } from '../../src/workflows/workflow-execution.module.js';
import { WorkflowRunsModule } from '../../src/workflows/workflow-runs.module.js';
import { EmailProcessor } from './email.processor.js';
import { ReportProcessor } from './report.processor.js';
import { WebhookProcessor } from './webhook.processor.js';
import { WorkflowProcessor } from './workflow.processor.js';

interface QueueConsumer {
  processor: Type<WorkerHost>;
  imports: ModuleMetadata['imports'];
}

const consumers: Record<QueueName, () => QueueConsumer> = {
  email: () => ({ processor: EmailProcessor, imports: [EmailDeliveryModule] }),
  // The relay fans out events, and a fan-out starts the workflow runs an event triggers.
  webhook: () => ({ processor: WebhookProcessor, imports: [WebhookDeliveryModule, WorkflowRunsModule] }),
  workflow: () => ({ processor: WorkflowProcessor, imports: [WorkflowExecutionModule] }),
  report: () => ({ processor: ReportProcessor, imports: [ReportGenerationModule] }),
};

/**
 * The processors (and the modules they need) for the queues this worker runs. Worker options come
 * from configuration, so @Processor is applied here rather than written on the classes.
 */
export function consumersFor(queues: readonly QueueName[], config: AppConfig): QueueConsumer[] {
  return queues.map((queue) => {
    const consumer = consumers[queue]();
    Processor(queue, workerOptions(queue, config))(consumer.processor);
    return consumer;
  });
}
