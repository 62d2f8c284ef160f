const SENSITIVE_KEY =
  /password|passwd|passphrase|secret|token|authorization|cookie|api[-_]?key|otp|recovery[-_]?code|credential|private[-_]?key/i;
const REDACTED = '[redacted]';

/** Matches credentials embedded in URLs (`scheme://user:password@host`). */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*:)[^@/\s]+@/gi;

export function redactString(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/**
 * Returns a copy with the values of sensitive-looking keys replaced, at any depth, and URL passwords
 * masked in strings. Errors keep their message and stack (masked too).
 */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message), stack: value.stack && redactString(value.stack) };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactField(key, item, seen);
  return out;
}

/** The value to log under `key`: hidden entirely when the key names a secret. */
export function redactField(key: string, value: unknown, seen = new WeakSet<object>()): unknown {
  return SENSITIVE_KEY.test(key) ? REDACTED : redact(value, seen);
}
