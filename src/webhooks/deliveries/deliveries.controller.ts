import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Scope } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ZodPipe } from '../../common/validation/zod.pipe.js';
import { ApiErrors } from '../../openapi/error-responses.js';
import { ApiIdParam } from '../../openapi/id-param.js';
import { ApiQueryFrom, toOpenApi } from '../../openapi/zod-schema.js';
import { OrgHeader, type OrgHeaderValue } from '../../orgs/org-header.js';
import { OrgScopedController } from '../../orgs/org-scoped-controller.js';
import { DeliveriesService } from './deliveries.service.js';
import { attemptPageSchema, attemptSchema, recoveredSchema, retriedSchema } from './delivery-responses.js';
import { type AttemptLogQuery, attemptLogQuery } from './dto/attempt-log-query.dto.js';
import { type RecoverBody, recoverBody } from './dto/recover.dto.js';

@OrgScopedController({
  path: 'webhooks',
  tag: 'webhooks',
  notFound: 'Endpoint or attempt not found (or the caller is not a member)',
})
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get(':id/logs')
  @Scope('webhooks:read')
  @ApiOperation({
    summary: "An endpoint's delivery attempts",
    description: 'Newest first, optionally only one outcome. Needs the admin role; API key scope: webhooks:read.',
  })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiQueryFrom(attemptLogQuery)
  @ApiOkResponse({ description: 'One page of attempts', schema: attemptPageSchema })
  logs(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
    @Query(new ZodPipe(attemptLogQuery)) query: AttemptLogQuery,
  ) {
    return this.deliveries.logs(principal, org, id, query);
  }

  @Post(':id/test')
  @HttpCode(200)
  @Scope('webhooks:write')
  @ApiOperation({
    summary: 'Send a webhook.test event to this endpoint and answer with the attempt',
    description: 'Needs a running webhook worker. API key scope: webhooks:write.',
  })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiOkResponse({ description: 'The first delivery attempt', schema: attemptSchema })
  @ApiErrors({ status: 504, description: 'No attempt was made in time (no webhook worker running?)' })
  test(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ) {
    return this.deliveries.test(principal, org, id);
  }

  @Post(':id/recover')
  @HttpCode(202)
  @Scope('webhooks:write')
  @ApiOperation({
    summary: 'Send again every failed message since a time',
    description: 'For an endpoint that was down or disabled. API key scope: webhooks:write.',
  })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiBody({ schema: toOpenApi(recoverBody) })
  @ApiAcceptedResponse({ description: 'How many messages were queued again', schema: recoveredSchema })
  recover(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
    @Body(new ZodPipe(recoverBody)) body: RecoverBody,
  ) {
    return this.deliveries.recover(principal, org, id, new Date(body.since));
  }

  @Post(':id/attempts/:attemptId/retry')
  @HttpCode(202)
  @Scope('webhooks:write')
  @ApiOperation({ summary: "Send an attempt's message again", description: 'API key scope: webhooks:write.' })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiIdParam('attemptId', 'Delivery attempt id')
  @ApiAcceptedResponse({
    description: 'The message queued again (false when it is already pending)',
    schema: retriedSchema,
  })
  retry(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
    @Param('attemptId', new ObjectIdPipe('attemptId')) attemptId: string,
  ) {
    return this.deliveries.retryAttempt(principal, org, id, attemptId);
  }
}
