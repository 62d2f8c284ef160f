import { z } from 'zod';
import {
  descriptionField,
  eventTypesField,
  headersField,
  metadataField,
  rateLimitField,
  urlField,
} from './webhook-fields.js';

/** Each field given replaces the stored one whole (headers and metadata too); `rateLimitPerSecond: null` removes the limit. */
export const updateWebhookBody = z
  .strictObject({
    url: urlField.optional(),
    description: descriptionField.optional(),
    eventTypes: eventTypesField.optional(),
    headers: headersField.optional(),
    rateLimitPerSecond: rateLimitField.nullable().optional(),
    metadata: metadataField.optional(),
    // Enabling is its own route, which also forgets the failure history.
    enabled: z.literal(false, { error: 'can only be false here: enable with POST /webhooks/{id}/enable' }).optional(),
  })
  // Only when the fields themselves are fine: an unknown field alone should not also be told "change something".
  .refine((body) => Object.keys(body).length > 0, {
    error: 'must change at least one field',
    when: (payload) => payload.issues.length === 0,
  });
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;
