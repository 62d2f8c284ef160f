import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedRequest, Client, type ClientInfo, Public } from '../auth/decorators.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { acceptedInvitationSchema } from '../openapi/org-schemas.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';
import { type AcceptInvitationBody, acceptInvitationBody } from './dto/accept-invitation.dto.js';
import { InvitationAcceptance } from './invitation-acceptance.service.js';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationAcceptanceController {
  constructor(private readonly acceptance: InvitationAcceptance) {}

  /** Public, since the invitee may have no account yet; a signed-in caller joins as themself. */
  @Post('accept')
  @Public()
  @RateLimit(POLICIES.invitationAccept)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation',
    description:
      'Signed in (optional bearer access token): `{ token }` joins as yourself. Not signed in: `{ token, name, password }` creates the invited account.',
  })
  // Optional credentials: none, or a user's access token.
  @ApiSecurity({})
  @ApiSecurity('bearer')
  @ApiBody({ schema: toOpenApi(acceptInvitationBody) })
  @ApiOkResponse({ description: 'Joined', schema: acceptedInvitationSchema })
  @ApiErrors(
    { status: 400, description: 'The request is invalid, or name and password are needed to create the account' },
    { status: 401, description: "The signed-in user's account no longer exists" },
    { status: 403, description: 'An API key cannot accept, or the invitation was sent to another address' },
    { status: 404, description: 'Invitation not found' },
    { status: 409, description: 'Already a member, or an account with the address exists (sign in first)' },
    { status: 410, description: 'The invitation was used, withdrawn or has expired' },
    429,
  )
  accept(
    @Req() request: AuthenticatedRequest,
    @Body(new ZodPipe(acceptInvitationBody)) body: AcceptInvitationBody,
    @Client() client: ClientInfo,
  ) {
    return this.acceptance.accept(request.principal, body, client.ip);
  }
}
