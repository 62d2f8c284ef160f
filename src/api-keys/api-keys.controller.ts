import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Client, type ClientInfo, CurrentUser, UsersOnly } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { ApiKeysService } from './api-keys.service.js';
import { createApiKeyBody, type CreateApiKeyBody } from './dto/create-api-key.dto.js';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

@Controller('orgs/:id/api-keys')
@UsersOnly()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  create(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Body(new ZodPipe(createApiKeyBody)) body: CreateApiKeyBody,
    @Client() client: ClientInfo,
  ) {
    return this.keys.create(user, orgId, body, client.ip);
  }

  @Get()
  async list(@CurrentUser() user: UserPrincipal, @Param('id', new ObjectIdPipe('id')) orgId: string) {
    return { items: await this.keys.list(user, orgId) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  async revoke(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Param('keyId', new ObjectIdPipe('keyId')) keyId: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.keys.revoke(user, orgId, keyId, client.ip);
  }
}
