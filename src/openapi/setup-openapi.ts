import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_BODY, errorBodySchema } from './error-responses.js';
import { withWebhooks } from './webhook-envelope.js';

/** package.json's version: the build output has no package.json beside it to read. */
export const API_VERSION = '0.1.0';

/**
 * The OpenAPI document of every controller route, served outside the `api/v1` prefix: the UI at
 * /api/docs and the JSON at /api/docs-json. These are plain Fastify routes, so the auth guard and
 * the rate limiter (which guard controller routes only) never see them.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('NovaPulse')
    .setDescription('The NovaPulse API. Every error answers with the ErrorBody schema.')
    .setVersion(API_VERSION)
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT or API key',
        description: 'access token or API key (np_live_…)',
      },
      'bearer',
    )
    .build();
  config.components = {
    ...config.components,
    schemas: { ...config.components?.schemas, [ERROR_BODY]: errorBodySchema },
  };
  SwaggerModule.setup(
    'api/docs',
    app,
    () => withWebhooks(withTransportErrors(SwaggerModule.createDocument(app, config))),
    {
      useGlobalPrefix: false,
      jsonDocumentUrl: 'api/docs-json',
      raw: ['json'],
    },
  );
}

const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_BODY}` } } },
});

/**
 * Errors that come from the HTTP layer rather than from a handler: any body can be too large or
 * not JSON, and any route can fail unexpectedly. Added here so no route can forget them.
 */
function withTransportErrors(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      if (typeof operation !== 'object' || !operation || !('responses' in operation)) continue;
      const { responses } = operation as { responses: Record<string, unknown> };
      if ('requestBody' in operation) {
        responses['413'] ??= errorRef('The body is larger than BODY_LIMIT.');
        responses['415'] ??= errorRef('The body is not application/json.');
      }
      responses['500'] ??= errorRef(
        'An unexpected error; it is logged with the request id, and the answer says nothing more.',
      );
    }
  }
  return document;
}
