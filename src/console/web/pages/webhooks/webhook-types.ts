import type { ApiClient } from '../../contract.js';

/** What the page hands its views. */
export interface WebhookViewProps {
  api: ApiClient;
  navigate: (path: string) => void;
}

/** The /webhooks answers the console reads (src/webhooks/endpoints/webhook-endpoint-views.ts, deliveries.service.ts). */

export type DisabledReason = 'manual' | 'gone' | 'failing';

export interface Endpoint {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: DisabledReason | null;
  failingSince: string | null;
  headers: Record<string, string>;
  rateLimitPerSecond: number | null;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export type EndpointWithSecret = Endpoint & { secret: string };

export const ATTEMPT_OUTCOMES = ['success', 'http_error', 'timeout', 'network', 'blocked', 'error'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export interface Attempt {
  id: string;
  messageId: string;
  attempt: number;
  outcome: AttemptOutcome;
  statusCode: number | null;
  responseExcerpt: string;
  error: string | null;
  durationMs: number;
  requestHeaders: Record<string, string>;
  nextAttemptAt: string | null;
  createdAt: string;
}

export type { Page } from '../shared/read-pages.js';

export interface EventTypeEntry {
  type: string;
  description: string;
}
