import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Client, type ClientInfo, CurrentUser, UsersOnly } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { createInvitationBody, type CreateInvitationBody } from './dto/create-invitation.dto.js';
import { InvitationsService } from './invitations.service.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** People invite people: the email names the inviter, which an API key is not. */
@Controller('orgs/:id/invitations')
@UsersOnly()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @RateLimit(POLICIES.invitations)
  invite(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Body(new ZodPipe(createInvitationBody)) body: CreateInvitationBody,
    @Client() client: ClientInfo,
  ) {
    return this.invitations.invite(user, orgId, body, client.ip);
  }

  @Get()
  async list(@CurrentUser() user: UserPrincipal, @Param('id', new ObjectIdPipe('id')) orgId: string) {
    return { items: await this.invitations.list(user, orgId) };
  }

  @Delete(':invitationId')
  @HttpCode(204)
  async revoke(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ObjectIdPipe('id')) orgId: string,
    @Param('invitationId', new ObjectIdPipe('invitationId')) invitationId: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.invitations.revoke(user, orgId, invitationId, client.ip);
  }
}
