import type { Endpoint } from './webhook-types.js';

/** What the endpoint form holds: text as typed, and the catalog's event types ticked. */
export interface EndpointFormState {
  url: string;
  description: string;
  /** Ticked catalog types, or `*` for every type. */
  eventTypes: string[];
  /** The organization's own event types, comma- or space-separated (the catalog lists only the platform's). */
  otherEventTypes: string;
  rateLimit: string;
}

export interface EndpointBody {
  url: string;
  description: string;
  eventTypes: string[];
  rateLimitPerSecond: number | null;
}

export type FieldErrors = Partial<Record<keyof EndpointFormState, string>>;

export const ALL_EVENT_TYPES = '*';
// The API's rules (src/webhooks/endpoints/dto/webhook-fields.ts), so a mistake is named before the round trip.
const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const MAX_EVENT_TYPES = 100;

export const EMPTY_FORM: EndpointFormState = {
  url: '',
  description: '',
  eventTypes: [],
  otherEventTypes: '',
  rateLimit: '',
};

/** The form filled from a stored endpoint; types the catalog does not list go to the free-text field. */
export function formFromEndpoint(endpoint: Endpoint, catalog: readonly string[]): EndpointFormState {
  const listed = new Set([...catalog, ALL_EVENT_TYPES]);
  return {
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes.filter((type) => listed.has(type)),
    otherEventTypes: endpoint.eventTypes.filter((type) => !listed.has(type)).join(', '),
    rateLimit: endpoint.rateLimitPerSecond === null ? '' : String(endpoint.rateLimitPerSecond),
  };
}

/** The create body (also sent whole as the update: PATCH replaces each field given), or what is wrong. */
export function endpointBody(form: EndpointFormState): { body: EndpointBody } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const url = form.url.trim();
  if (!url) errors.url = 'Enter the URL deliveries go to.';
  else if (!isHttpUrl(url)) errors.url = 'Enter a full URL starting with https://';

  const description = form.description.trim();
  if (description.length > 500) errors.description = 'At most 500 characters.';

  const others = form.otherEventTypes.split(/[\s,]+/).filter(Boolean);
  const wrong = others.filter((type) => type !== ALL_EVENT_TYPES && !EVENT_TYPE_PATTERN.test(type));
  if (wrong.length > 0)
    errors.otherEventTypes = `Not an event type: ${wrong.join(', ')} (use lower-case dotted names such as order.created).`;
  const chosen = [...new Set([...form.eventTypes, ...others])];
  // `*` already covers every other type.
  const eventTypes = chosen.includes(ALL_EVENT_TYPES) ? [ALL_EVENT_TYPES] : chosen;
  if (eventTypes.length === 0) errors.eventTypes = 'Pick at least one event type, or all of them.';
  else if (eventTypes.length > MAX_EVENT_TYPES) errors.eventTypes = `At most ${MAX_EVENT_TYPES} event types.`;

  const rateLimit = form.rateLimit.trim();
  const rateLimitPerSecond = rateLimit === '' ? null : Number(rateLimit);
  if (
    rateLimitPerSecond !== null &&
    !(Number.isInteger(rateLimitPerSecond) && rateLimitPerSecond >= 1 && rateLimitPerSecond <= 10_000)
  )
    errors.rateLimit = 'A whole number from 1 to 10000, or empty for no limit.';

  if (Object.keys(errors).length > 0) return { errors };
  return { body: { url, description, eventTypes, rateLimitPerSecond } };
}

/** The API's own field names mapped to the form's, so a 400's details land next to the right input. */
export function formErrorsFromApi(details: readonly { field: string; problem: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, problem } of details) {
    const [root] = field.split('.');
    const key = root === 'rateLimitPerSecond' ? 'rateLimit' : root;
    if (key === 'url' || key === 'description' || key === 'eventTypes' || key === 'rateLimit') errors[key] ??= problem;
  }
  return errors;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
