import { z } from 'zod';
import {
  descriptionField,
  eventTypesField,
  headersField,
  metadataField,
  rateLimitField,
  urlField,
} from './webhook-fields.js';

export const createWebhookBody = z.strictObject({
  url: urlField,
  description: descriptionField.default(''),
  eventTypes: eventTypesField,
  headers: headersField.default({}),
  rateLimitPerSecond: rateLimitField.nullable().default(null),
  metadata: metadataField.default({}),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;
