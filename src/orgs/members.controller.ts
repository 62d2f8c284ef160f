import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client, type ClientInfo, CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { memberSchema, membersSchema } from '../openapi/org-schemas.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { type UpdateMemberBody, updateMemberBody } from './dto/update-member.dto.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiBearerAuth('bearer')
@ApiIdParam('id', 'Organization id')
@ApiErrors(400, 401, 403, { status: 404, description: 'Organization or member not found' }, 429)
@Controller('orgs/:id/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Scope('members:read')
  @ApiOperation({ summary: "An organization's members", description: 'API key scope: members:read.' })
  @ApiOkResponse({ description: 'Members', schema: membersSchema })
  async list(@CurrentPrincipal() principal: Principal, @Param('id', new ObjectIdPipe('id')) orgId: string) {
    return { items: await this.members.list(principal, orgId) };
  }

  @Patch(':userId')
  @Scope('members:write')
  @ApiOperation({
    summary: "Change a member's role",
    description:
      'Needs the admin role; only an owner grants or takes away the owner role. API key scope: members:write.',
  })
  @ApiIdParam('userId', "The member's user id")
  @ApiBody({ schema: toOpenApi(updateMemberBody) })
  @ApiOkResponse({ description: 'The member with their new role', schema: memberSchema })
  @ApiErrors({
    status: 409,
    description: 'The role changed meanwhile, or the organization would be left without an owner',
  })
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
  @ApiOperation({
    summary: 'Remove a member, or leave',
    description:
      'Admins remove others; any member may leave; only an owner removes an owner. API key scope: members:write.',
  })
  @ApiIdParam('userId', "The member's user id")
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors({ status: 409, description: 'The organization would be left without an owner' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Param('userId', new ObjectIdPipe('userId')) userId: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.members.remove(principal, orgId, userId, client.ip);
  }
}
