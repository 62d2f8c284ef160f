import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { Client, type ClientInfo, CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { updateMemberBody, type UpdateMemberBody } from './dto/update-member.dto.js';
import { MembersService } from './members.service.js';

@Controller('orgs/:id/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Scope('members:read')
  async list(@CurrentPrincipal() principal: Principal, @Param('id', new ObjectIdPipe('id')) orgId: string) {
    return { items: await this.members.list(principal, orgId) };
  }

  @Patch(':userId')
  @Scope('members:write')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Param('userId', new ObjectIdPipe('userId')) userId: string,
    @Body(new ZodPipe(updateMemberBody)) body: UpdateMemberBody,
    @Client() client: ClientInfo,
  ) {
    return this.members.changeRole(principal, orgId, userId, body.role, client.ip);
  }

  @Delete(':userId')
  @Scope('members:write')
  @HttpCode(204)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Param('userId', new ObjectIdPipe('userId')) userId: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.members.remove(principal, orgId, userId, client.ip);
  }
}
