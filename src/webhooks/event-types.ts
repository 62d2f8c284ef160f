/** Subscribes an endpoint to every event type, present and future. */
export const ALL_EVENT_TYPES = '*';

/** `user.created`, `member.role_changed`: lower-case dotted names of at least two parts. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Exact names only (no prefixes or globs), so a subscription never widens when a new type is added, except `*`. */
export function subscribesTo(eventTypes: readonly string[], eventType: string): boolean {
  return eventTypes.includes(ALL_EVENT_TYPES) || eventTypes.includes(eventType);
}
