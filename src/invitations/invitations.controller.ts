import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { invitationSchema, invitationsSchema } from '../openapi/org-schemas.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';
import { type CreateInvitationBody, createInvitationBody } from './dto/create-invitation.dto.js';
import { InvitationsService } from './invitations.service.js';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** People invite people: the email names the inviter, which an API key is not. */
@Controller('orgs/:id/invitations')
@UsersOnly()
@ApiTags('invitations')
@ApiBearerAuth('bearer')
@ApiIdParam('id', 'Organization id')
@ApiErrors(
  400,
  401,
  { status: 403, description: 'Needs the admin role (owner to invite an owner); API keys cannot do this' },
  429,
)
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @RateLimit(POLICIES.invitations)
  @ApiOperation({
    summary: 'Invite someone by email',
    description: 'Replaces a pending invitation to the same address; the token goes out in the email only.',
  })
  @ApiBody({ schema: toOpenApi(createInvitationBody) })
  @ApiCreatedResponse({ description: 'The invitation', schema: invitationSchema })
  @ApiErrors(
    { status: 404, description: 'Organization not found (or the caller is not a member)' },
    { status: 409, description: 'The address is already a member' },
  )
  invite(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Body(new ZodPipe(createInvitationBody)) body: CreateInvitationBody,
    @Client() client: ClientInfo,
  ) {
    return this.invitations.invite(user, orgId, body, client.ip);
  }

  @Get()
  @ApiOperation({ summary: "The organization's invitations" })
  @ApiOkResponse({ description: 'Invitations', schema: invitationsSchema })
  @ApiErrors({ status: 404, description: 'Organization not found (or the caller is not a member)' })
  async list(@CurrentUser() user: UserPrincipal, @Param('id', new ObjectIdPipe('id')) orgId: string) {
    return { items: await this.invitations.list(user, orgId) };
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an invitation', description: 'Revoking a revoked invitation answers the same.' })
  @ApiIdParam('invitationId', 'Invitation id')
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(
    { status: 404, description: 'Organization or invitation not found' },
    { status: 409, description: 'The invitation was accepted already' },
  )
  async revoke(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Param('invitationId', new ObjectIdPipe('invitationId')) invitationId: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.invitations.revoke(user, orgId, invitationId, client.ip);
  }
}
