/** Subscribes an endpoint to every event type, present and future. */
export const ALL_EVENT_TYPES = '*';

/** `user.created`, `member.role_changed`: lower-case dotted names of at least two parts. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Exact names only (no prefixes or globs), so a subscription never widens when a new type is added, except `*`. */
export function subscribesTo(eventTypes: readonly string[], eventType: string): boolean {
  return eventTypes.includes(ALL_EVENT_TYPES) || eventTypes.includes(eventType);
}

/** Sent to one endpoint by `POST /webhooks/:id/test`. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * Events NovaPulse itself publishes. Publishers cannot use these names, so a subscriber can trust that
 * an `mfa.disabled` really came from the platform. Each one has its catalog entry, with an example, in
 * event-type-catalog.ts (the compiler asks for it).
 */
export const PLATFORM_EVENT_TYPES = [
  'user.created',
  'member.invited',
  'member.joined',
  'mfa.enabled',
  'mfa.disabled',
  'endpoint.disabled',
  'workflow.run.failed',
  'report.completed',
  TEST_EVENT_TYPE,
] as const;
export type PlatformEventType = (typeof PLATFORM_EVENT_TYPES)[number];

export function isPlatformEventType(type: string): type is PlatformEventType {
  return (PLATFORM_EVENT_TYPES as readonly string[]).includes(type);
}
