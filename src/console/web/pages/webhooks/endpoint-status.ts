import { formatDateTime } from '../shared/format.js';
import type { Endpoint } from './webhook-types.js';

export interface EndpointStatus {
  tone: 'good' | 'warn' | 'off';
  label: string;
  /** Why, and since when, for a reader who wants more than the label. */
  detail: string | null;
}

const DISABLED_BECAUSE = {
  manual: 'Disabled by a person in the organization.',
  gone: 'Disabled: the receiver answered 410 Gone.',
  failing: 'Disabled by NovaPulse: deliveries kept failing.',
} as const;

export function endpointStatus(
  endpoint: Pick<Endpoint, 'enabled' | 'disabledReason' | 'failingSince'>,
): EndpointStatus {
  const since = endpoint.failingSince ? `Failing since ${formatDateTime(endpoint.failingSince)}.` : null;
  if (endpoint.enabled)
    return since ? { tone: 'warn', label: 'Failing', detail: since } : { tone: 'good', label: 'Enabled', detail: null };
  const because = DISABLED_BECAUSE[endpoint.disabledReason ?? 'manual'];
  return { tone: 'off', label: 'Disabled', detail: since ? `${because} ${since}` : because };
}
