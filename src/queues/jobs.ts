import type { QueueName } from '../config/env.schema.js';
import type { EncryptedSecret } from '../users/user.schema.js';

/**
 * Every job NovaPulse runs. Payloads carry ids: Redis keeps job data in clear text, and the worker
 * reloads the current document anyway. The one exception is a webhook's event body, immutable once
 * stored, which may travel sealed (AES-256-GCM, bound to the message id) to spare the worker a read.
 */
export type AppJob =
  | { queue: 'email'; name: 'send'; data: { emailId: string } }
  | { queue: 'webhook'; name: 'deliver'; data: { messageId: string; attempt: number; event?: EncryptedSecret } }
  | { queue: 'workflow'; name: 'step'; data: { runId: string; cursor: number; generation: number } }
  | { queue: 'workflow'; name: 'fire'; data: { workflowId: string } }
  | { queue: 'workflow'; name: 'maintenance'; data: Record<string, never> }
  | { queue: 'report'; name: 'generate'; data: { orgId: string; reportId: string } };

export type JobOf<Q extends QueueName> = Extract<AppJob, { queue: Q }>;
