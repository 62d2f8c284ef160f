import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { type AuthenticatedRequest, Client, type ClientInfo, Public } from '../auth/decorators.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { acceptInvitationBody, type AcceptInvitationBody } from './dto/accept-invitation.dto.js';
import { InvitationAcceptance } from './invitation-acceptance.service.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

@Controller('invitations')
export class InvitationAcceptanceController {
  constructor(private readonly acceptance: InvitationAcceptance) {}

  /** Public, since the invitee may have no account yet; a signed-in caller joins as themself. */
  @Post('accept')
  @Public()
  @RateLimit(POLICIES.invitationAccept)
  @HttpCode(200)
  accept(@Req() request: AuthenticatedRequest, @Body(new ZodPipe(acceptInvitationBody)) body: AcceptInvitationBody, @Client() client: ClientInfo) {
    return this.acceptance.accept(request.principal, body, client.ip);
  }
}
