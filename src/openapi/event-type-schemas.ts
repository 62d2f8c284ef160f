import { PLATFORM_EVENT_TYPES } from '../webhooks/endpoints/event-types.js';
import { dateTimeSchema, enumOf, listOf, objectOf, stringSchema } from './schema-builders.js';

export const eventTypesSchema = listOf(
  objectOf({
    type: enumOf(PLATFORM_EVENT_TYPES),
    description: stringSchema,
    example: {
      description: 'A delivery body of this type, as subscribers receive it',
      ...objectOf({ type: stringSchema, timestamp: dateTimeSchema, data: { type: 'object' } }),
    },
  }),
);
