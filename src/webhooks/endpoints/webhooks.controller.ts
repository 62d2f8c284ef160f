import { Body, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Scope } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ZodPipe } from '../../common/validation/zod.pipe.js';
import { ApiErrors } from '../../openapi/error-responses.js';
import { ApiIdParam } from '../../openapi/id-param.js';
import { ApiQueryFrom, toOpenApi } from '../../openapi/zod-schema.js';
import { OrgHeader, type OrgHeaderValue } from '../../orgs/org-header.js';
import { OrgScopedController } from '../../orgs/org-scoped-controller.js';
import { type CreateWebhookBody, createWebhookBody } from './dto/create-webhook.dto.js';
import { type ListWebhooksQuery, listWebhooksQuery } from './dto/list-webhooks.dto.js';
import { type UpdateWebhookBody, updateWebhookBody } from './dto/update-webhook.dto.js';
import {
  webhookEndpointPageSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from './webhook-endpoint-responses.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

const READ = 'Needs the admin role; API key scope: webhooks:read.';
const WRITE = 'Needs the admin role; API key scope: webhooks:write.';

@OrgScopedController({
  path: 'webhooks',
  tag: 'webhooks',
  headerDescription:
    'The organization to act in. Required for signed-in users; an API key acts in its own organization.',
  invalid:
    'The request is invalid, or X-Org-Id is missing (signed-in users) or malformed; `details` names each offending field',
  notFound: 'Organization or endpoint not found (or the caller is not a member)',
})
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @Scope('webhooks:read')
  @ApiOperation({
    summary: "A page of the organization's webhook endpoints",
    description: `Newest first; never the signing secrets. ${READ}`,
  })
  @ApiQueryFrom(listWebhooksQuery)
  @ApiOkResponse({ description: 'One page of endpoints', schema: webhookEndpointPageSchema })
  list(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Query(new ZodPipe(listWebhooksQuery)) query: ListWebhooksQuery,
  ) {
    return this.endpoints.list(principal, org, query);
  }

  @Post()
  @Scope('webhooks:write')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Create a webhook endpoint',
    description: `The answer carries the signing secret: it is shown again only by a rotation. The URL must use https and reach a public address. ${WRITE}`,
  })
  @ApiBody({ schema: toOpenApi(createWebhookBody) })
  @ApiCreatedResponse({
    description: 'The new endpoint, with its signing secret',
    schema: webhookEndpointWithSecretSchema,
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Body(new ZodPipe(createWebhookBody)) body: CreateWebhookBody,
  ) {
    return this.endpoints.create(principal, org, body);
  }

  @Get(':id')
  @Scope('webhooks:read')
  @ApiOperation({ summary: 'One webhook endpoint', description: `Never the signing secret. ${READ}` })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiOkResponse({ description: 'The endpoint', schema: webhookEndpointSchema })
  get(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ) {
    return this.endpoints.get(principal, org, id);
  }

  @Patch(':id')
  @Scope('webhooks:write')
  @ApiOperation({
    summary: 'Change a webhook endpoint',
    description: `Each field given replaces the stored one; \`enabled: false\` disables it (enable with POST /webhooks/{id}/enable). ${WRITE}`,
  })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiBody({ schema: toOpenApi(updateWebhookBody) })
  @ApiOkResponse({ description: 'The changed endpoint', schema: webhookEndpointSchema })
  update(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
    @Body(new ZodPipe(updateWebhookBody)) body: UpdateWebhookBody,
  ) {
    return this.endpoints.update(principal, org, id, body);
  }

  @Delete(':id')
  @Scope('webhooks:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: `Nothing more is delivered to it. ${WRITE}` })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ): Promise<void> {
    await this.endpoints.remove(principal, org, id);
  }

  @Post(':id/secret/rotate')
  @Scope('webhooks:write')
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  @ApiOperation({
    summary: "Rotate an endpoint's signing secret",
    description: `The answer carries the new secret, shown this once. Deliveries are signed with the old one too for 24 hours, so receivers can switch over. ${WRITE}`,
  })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiOkResponse({ description: 'The endpoint, with its new signing secret', schema: webhookEndpointWithSecretSchema })
  @ApiErrors({ status: 409, description: 'Another rotation of the same endpoint happened at the same time' })
  rotate(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ) {
    return this.endpoints.rotateSecret(principal, org, id);
  }

  @Post(':id/enable')
  @Scope('webhooks:write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a webhook endpoint',
    description: `Whatever disabled it; its failure history is forgotten. ${WRITE}`,
  })
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiOkResponse({ description: 'The enabled endpoint', schema: webhookEndpointSchema })
  enable(
    @CurrentPrincipal() principal: Principal,
    @OrgHeader() org: OrgHeaderValue,
    @Param('id', new ObjectIdPipe('id')) id: string,
  ) {
    return this.endpoints.enable(principal, org, id);
  }
}
