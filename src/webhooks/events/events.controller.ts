import { BadRequestException, Body, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Scope } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ZodPipe } from '../../common/validation/zod.pipe.js';
import { toOpenApi } from '../../openapi/zod-schema.js';
import { OrgHeader, type OrgHeaderValue } from '../../orgs/org-header.js';
import { OrgScopedController } from '../../orgs/org-scoped-controller.js';
import { WebhookAccess } from '../endpoints/webhook-access.js';
import { idempotencyKeyHeader, type PublishEventBody, publishEventBody } from './dto/publish-event.dto.js';
import { publishedSchema } from './event-responses.js';
import { EventsService } from './events.service.js';

@OrgScopedController({
  path: 'events',
  tag: 'events',
  invalid: 'The event is invalid, or X-Org-Id is missing or malformed; `details` names each offending field',
  notFound: 'No such organization (or the caller is not a member)',
})
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly access: WebhookAccess,
  ) {}

  @Post()
  @HttpCode(202)
  @Scope('events:write')
  @ApiOperation({
    summary: 'Publish an event to every subscribed webhook endpoint',
    description:
      'Stored before anything is queued, so it is never lost. The same Idempotency-Key (header or field) within 24 h answers with the first event and creates nothing. Needs the admin role; API key scope: events:write.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retried publish harmless (24 h).' })
  @ApiBody({ schema: toOpenApi(publishEventBody) })
  @ApiAcceptedResponse({ description: 'Stored; deliveries follow', schema: publishedSchema })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Headers('idempotency-key') headerKey: string | undefined,
    @Body(new ZodPipe(publishEventBody)) body: PublishEventBody,
  ) {
    const key = idempotencyKeyHeader.safeParse(headerKey);
    if (!key.success) {
      throw new BadRequestException({
        message: 'Invalid Idempotency-Key',
        details: [{ field: 'Idempotency-Key', problem: key.error.issues[0]!.message }],
      });
    }
    const orgId = await this.access.org(principal, org);
    return this.events.publish(orgId, body.type, body.payload, body.idempotencyKey ?? key.data);
  }
}
