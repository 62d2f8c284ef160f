import type { DisabledReason, WebhookEndpointRecord } from './webhook-endpoint.schema.js';

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: DisabledReason | null;
  failingSince: Date | null;
  headers: Record<string, string>;
  rateLimitPerSecond: number | null;
  metadata: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

/** The signing secret itself is shown at creation and rotation only, so it is not in here, sealed or not. */
export function webhookEndpointView(endpoint: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: endpoint._id.toHexString(),
    url: endpoint.url,
    description: endpoint.description ?? '',
    eventTypes: endpoint.eventTypes,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason ?? null,
    failingSince: endpoint.failingSince ?? null,
    headers: endpoint.headers ?? {},
    rateLimitPerSecond: endpoint.rateLimitPerSecond ?? null,
    metadata: endpoint.metadata ?? {},
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}
