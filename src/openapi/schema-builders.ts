import type { SchemaObject } from '@nestjs/swagger';

/** Small builders for the response schemas, which describe plain objects the services return. */

export const idSchema: SchemaObject = {
  type: 'string',
  pattern: '^[0-9a-f]{24}$',
  example: '665f1c2e8b3a4d0012345678',
};
export const stringSchema: SchemaObject = { type: 'string' };
export const booleanSchema: SchemaObject = { type: 'boolean' };
export const dateTimeSchema: SchemaObject = { type: 'string', format: 'date-time' };

export function nullable(schema: SchemaObject): SchemaObject {
  return { ...schema, nullable: true };
}

export function enumOf(values: readonly string[]): SchemaObject {
  return { type: 'string', enum: [...values] };
}

export function arrayOf(items: SchemaObject): SchemaObject {
  return { type: 'array', items };
}

/** An object whose every property is always present, except those named optional. */
export function objectOf(properties: Record<string, SchemaObject>, optional: string[] = []): SchemaObject {
  return { type: 'object', required: Object.keys(properties).filter((key) => !optional.includes(key)), properties };
}

/** The `{ items: [...] }` envelope of every list. */
export function listOf(item: SchemaObject): SchemaObject {
  return objectOf({ items: arrayOf(item) });
}

/** A cursor page: `{ items, nextCursor }`, the cursor an id unless said otherwise. */
export function pageOf(item: SchemaObject, cursor: SchemaObject = idSchema): SchemaObject {
  return objectOf({
    items: arrayOf(item),
    nextCursor: { ...nullable(cursor), description: 'Pass as `cursor` for the next page; null on the last page' },
  });
}
