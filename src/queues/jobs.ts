import type { QueueName } from '../config/env.schema.js';

/**
 * Every job NovaPulse runs. Payloads carry ids only: Redis keeps job data in clear text, and the
 * worker reloads the current document anyway.
 */
export type AppJob =
  | { queue: 'email'; name: 'send'; data: { emailId: string } }
  | { queue: 'webhook'; name: 'deliver'; data: { messageId: string; attempt: number } }
  | { queue: 'workflow'; name: 'run'; data: { workflowRunId: string } }
  | { queue: 'report'; name: 'generate'; data: { orgId: string; reportId: string } };

export type JobOf<Q extends QueueName> = Extract<AppJob, { queue: Q }>;
