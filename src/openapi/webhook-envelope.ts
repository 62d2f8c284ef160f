import type { OpenAPIObject } from '@nestjs/swagger';

export const WEBHOOK_ENVELOPE = 'WebhookEnvelope';

const envelopeSchema = {
  type: 'object',
  required: ['type', 'timestamp', 'data'],
  additionalProperties: false,
  properties: {
    type: {
      type: 'string',
      description: 'The event type, e.g. order.created (or a NovaPulse event such as endpoint.disabled)',
    },
    timestamp: { type: 'string', format: 'date-time', description: 'When the event was published (ISO 8601, UTC)' },
    data: {
      type: 'object',
      description:
        'The published payload, exactly: the same JSON text, every number with every digit it was published with (parse big integers with a big-number-safe parser)',
    },
  },
};

const header = (name: string, description: string, example: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string', example },
});

/**
 * What NovaPulse posts to a subscribed endpoint (OpenAPI 3.1 `webhooks`): the Standard Webhooks
 * envelope, signed; the same bytes on every attempt.
 */
export function withWebhooks(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [WEBHOOK_ENVELOPE]: envelopeSchema },
  };
  return Object.assign(document, {
    webhooks: {
      event: {
        post: {
          summary: 'An event, posted to each endpoint that subscribes to its type',
          description:
            'Signed per Standard Webhooks: verify the signature over `<webhook-id>.<webhook-timestamp>.<body>` with the endpoint secret before parsing the body. Delivery is at least once: deduplicate on webhook-id, which stays the same across retries.',
          parameters: [
            header(
              'webhook-id',
              'msg_<message id>: the same on every attempt of this message',
              'msg_65f0c0ffee0000000000abcd',
            ),
            header('webhook-timestamp', 'Seconds since the epoch when this attempt was signed', '1767225600'),
            header(
              'webhook-signature',
              'v1,<base64 HMAC-SHA256>, space-separated, one per live endpoint secret',
              'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
            ),
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${WEBHOOK_ENVELOPE}` } } },
          },
          responses: {
            '200': {
              description:
                'Any 2xx: delivered. 408, 429, 5xx, timeouts and network errors are retried on the schedule; 410 disables the endpoint; other answers end the message as failed.',
            },
          },
        },
      },
    },
  });
}
