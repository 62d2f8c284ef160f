import { applyDecorators } from '@nestjs/common';
import { ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The OpenAPI schema of what a client may send, from the same zod schema the ZodPipe validates
 * with, so the document cannot drift from the validation. Refinements (e.g. the password policy's
 * word list) have no JSON Schema form and are left to the 400 answer's `details`.
 */
export function toOpenApi(schema: z.ZodType): SchemaObject {
  const { $schema: _dialect, ...openApi } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    // The request as sent: before defaults, coercions and transforms (which have no JSON Schema form).
    io: 'input',
    override: keepPipedStringFormat,
  });
  return openApi as SchemaObject;
}

/** One `@ApiQuery` per field of the query schema a route's ZodPipe validates. */
export function ApiQueryFrom(schema: z.ZodObject) {
  const object = toOpenApi(schema);
  const required = new Set(object.required ?? []);
  return applyDecorators(
    ...Object.entries(object.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property }),
    ),
  );
}

/**
 * `z.string().trim().pipe(z.email())` is documented by its input, a plain string; the format the
 * pipe then checks (email) is what a reader needs to know, so it is carried over.
 */
function keepPipedStringFormat(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }) {
  const { def } = ctx.zodSchema._zod;
  if (def.type !== 'pipe' || ctx.jsonSchema.type !== 'string') return;
  const format = (def.out._zod.def as { format?: unknown }).format;
  if (typeof format === 'string') ctx.jsonSchema.format = format;
}
