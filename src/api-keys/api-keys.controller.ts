import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Client, type ClientInfo, CurrentUser, UsersOnly } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { apiKeysSchema, createdApiKeySchema } from '../openapi/org-schemas.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { ApiKeysService } from './api-keys.service.js';
import { type CreateApiKeyBody, createApiKeyBody } from './dto/create-api-key.dto.js';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

@Controller('orgs/:id/api-keys')
@UsersOnly()
@ApiTags('api keys')
@ApiBearerAuth('bearer')
@ApiIdParam('id', 'Organization id')
@ApiErrors(400, 401, { status: 403, description: 'Needs the admin role; API keys cannot manage keys' }, 429)
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Create an API key for the organization',
    description: 'The key itself is in this answer only: it is not stored.',
  })
  @ApiBody({ schema: toOpenApi(createApiKeyBody) })
  @ApiCreatedResponse({ description: 'The new key', schema: createdApiKeySchema })
  @ApiErrors({ status: 404, description: 'Organization not found (or the caller is not a member)' })
  create(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Body(new ZodPipe(createApiKeyBody)) body: CreateApiKeyBody,
    @Client() client: ClientInfo,
  ) {
    return this.keys.create(user, orgId, body, client.ip);
  }

  @Get()
  @ApiOperation({
    summary: "The organization's API keys",
    description: 'Revoked keys included; never the keys themselves.',
  })
  @ApiOkResponse({ description: 'API keys', schema: apiKeysSchema })
  @ApiErrors({ status: 404, description: 'Organization not found (or the caller is not a member)' })
  async list(@CurrentUser() user: UserPrincipal, @Param('id', new ObjectIdPipe('id')) orgId: string) {
    return { items: await this.keys.list(user, orgId) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key', description: 'Revoking a revoked key answers the same.' })
  @ApiIdParam('keyId', 'API key id')
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors({ status: 404, description: 'Organization or API key not found' })
  async revoke(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Param('keyId', new ObjectIdPipe('keyId')) keyId: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.keys.revoke(user, orgId, keyId, client.ip);
  }
}
