import type { SchemaObject } from '@nestjs/swagger';
import {
  arrayOf,
  booleanSchema,
  dateTimeSchema,
  enumOf,
  idSchema,
  nullable,
  objectOf,
  pageOf,
  stringSchema,
} from '../../openapi/schema-builders.js';
import { DISABLED_REASONS } from './webhook-endpoint.schema.js';

/** OpenAPI response schemas of the /webhooks routes. */

const stringMap = (description: string): SchemaObject => ({
  type: 'object',
  additionalProperties: stringSchema,
  description,
});

const endpointProperties: Record<string, SchemaObject> = {
  id: idSchema,
  url: stringSchema,
  description: stringSchema,
  eventTypes: { ...arrayOf(stringSchema), description: 'Exact event type names, or * for every type' },
  enabled: booleanSchema,
  disabledReason: {
    ...nullable(enumOf(DISABLED_REASONS)),
    description:
      'manual: disabled by a person; gone: the receiver answered 410; failing: deliveries failed for too long',
  },
  failingSince: { ...nullable(dateTimeSchema), description: 'The first failed delivery since the last successful one' },
  headers: stringMap('Extra headers sent with every delivery (names lower-cased)'),
  rateLimitPerSecond: {
    type: 'integer',
    nullable: true,
    description: 'At most this many deliveries a second; null for no limit',
  },
  metadata: stringMap("The caller's own labels"),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
};

export const webhookEndpointSchema = objectOf(endpointProperties);

export const webhookEndpointWithSecretSchema = objectOf({
  ...endpointProperties,
  secret: {
    type: 'string',
    description: 'The signing secret (whsec_…), shown in this answer only',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  },
});

export const webhookEndpointPageSchema = pageOf(webhookEndpointSchema);
