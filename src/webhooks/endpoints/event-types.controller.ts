import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/decorators.js';
import { ApiErrors } from '../../openapi/error-responses.js';
import { eventTypesSchema } from '../../openapi/event-type-schemas.js';
import { EVENT_TYPE_CATALOG } from './event-type-catalog.js';
import { PLATFORM_EVENT_TYPES } from './event-types.js';

const EXAMPLE_TIME = '2026-11-30T08:00:00.000Z';

/** The catalog of what NovaPulse publishes, for subscribers and the console; it holds nothing secret. */
@Controller('event-types')
@Public()
@ApiTags('webhooks')
export class EventTypesController {
  private readonly catalog = {
    items: PLATFORM_EVENT_TYPES.map((type) => ({
      type,
      description: EVENT_TYPE_CATALOG[type].description,
      example: { type, timestamp: EXAMPLE_TIME, data: EVENT_TYPE_CATALOG[type].example },
    })),
  };

  @Get()
  @ApiOperation({
    summary: 'The event types NovaPulse publishes, each with an example delivery body',
    description: 'Endpoints may subscribe to these by name, or to `*`; publishers cannot use these names.',
  })
  @ApiOkResponse({ description: 'The catalog', schema: eventTypesSchema })
  @ApiErrors(429)
  list() {
    return this.catalog;
  }
}
