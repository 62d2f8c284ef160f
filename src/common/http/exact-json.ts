import { BadRequestException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Keys that are valid JSON but that code assigning properties (Object.assign, a naive merge) turns
 * into a prototype change: refused by name rather than parsed.
 */
const REFUSED_KEYS = new Set(['__proto__', 'constructor']);

/** Node 22+ has it (JSON.parse source text access); TypeScript's es2024 library does not list it yet. */
const rawJSON = (text: string) => (JSON as JSON & { rawJSON(text: string): unknown }).rawJSON(text);

class RefusedKey extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/**
 * JSON.parse that keeps every number exactly as written: one a double would change (9007199254740993,
 * 18446744073709551615, 1e400, 1.10) stays its source text (JSON.rawJSON), so JSON.stringify writes it
 * back digit for digit. Throws SyntaxError for text that is not JSON, RefusedKey for a refused key.
 */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text, (key: string, value: unknown, context?: { source?: string }) => {
    if (REFUSED_KEYS.has(key)) throw new RefusedKey(key);
    if (typeof value === 'number' && context?.source !== undefined && String(value) !== context.source)
      return rawJSON(context.source);
    return value;
  });
}

/**
 * Every `application/json` body is parsed with `parseExactJson` (through Nest, so a failure reaches
 * the exception filter); a refused key is a 400 that names it.
 */
export function parseJsonBodiesExactly(app: NestFastifyApplication, bodyLimit: number) {
  app.useBodyParser('application/json', { bodyLimit }, (_request, body, done) => {
    const text = body.toString('utf8');
    try {
      done(null, parseExactJson(text));
    } catch (error) {
      if (error instanceof RefusedKey) {
        done(
          new BadRequestException({
            message: `The key "${error.key}" is not accepted in a request body`,
            details: [{ field: error.key, problem: 'is not accepted as a key (it could change an object prototype)' }],
          }),
          undefined,
        );
        return;
      }
      // A reviver recurses once per level: a body nested deeper than the stack is parsed plainly, and
      // refused by the depth limits of whatever reads it.
      if (error instanceof RangeError) return plainParse(text, done);
      done(new BadRequestException({ message: 'Body is not valid JSON' }), undefined);
    }
  });
}

function plainParse(body: string, done: (error: Error | null, value?: unknown) => void) {
  try {
    done(null, JSON.parse(body));
  } catch {
    done(new BadRequestException({ message: 'Body is not valid JSON' }), undefined);
  }
}
