import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Client, type ClientInfo, CurrentUser, UsersOnly } from '../auth/decorators.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { mfaSetupSchema, recoveryCodesSchema } from '../openapi/account-schemas.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';
import { type CodeBody, codeBody, type DisableBody, disableBody, type SetupBody, setupBody } from './dto/mfa.dto.js';
import { MfaEnrollment } from './mfa-enrollment.service.js';

type SignedIn = { userId: string; sessionId: string };

/** The signed-in user's own second factor. Responses that carry a secret are never cached. */
@UsersOnly()
@RateLimit(POLICIES.mfa)
@ApiTags('mfa')
@ApiBearerAuth('bearer')
@ApiErrors(400, 403, 429)
@Controller('mfa')
export class MfaController {
  constructor(private readonly enrollment: MfaEnrollment) {}

  @Post('setup')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Start turning on two-factor authentication',
    description: 'A new TOTP secret, pending until POST /mfa/verify confirms a code from it.',
  })
  @ApiBody({ schema: toOpenApi(setupBody) })
  @ApiCreatedResponse({ description: 'The pending secret', schema: mfaSetupSchema })
  @ApiErrors(
    { status: 401, description: 'No valid credentials, or the password is not correct' },
    { status: 409, description: 'Two-factor authentication is already enabled' },
  )
  setup(@CurrentUser() user: SignedIn, @Body(new ZodPipe(setupBody)) body: SetupBody) {
    return this.enrollment.setup(user.userId, body.password);
  }

  @Post('verify')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Turn on two-factor authentication with a code from the pending secret' })
  @ApiBody({ schema: toOpenApi(codeBody) })
  @ApiCreatedResponse({ description: 'Enabled; the recovery codes are shown this once', schema: recoveryCodesSchema })
  @ApiErrors(
    { status: 401, description: 'No valid credentials, or the code is invalid or already used' },
    { status: 409, description: 'Already enabled, or no setup was started' },
  )
  verify(@CurrentUser() user: SignedIn, @Body(new ZodPipe(codeBody)) body: CodeBody, @Client() client: ClientInfo) {
    return this.enrollment.enable(user.userId, body.code, client.ip);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn off two-factor authentication' })
  @ApiBody({ schema: toOpenApi(disableBody) })
  @ApiNoContentResponse({ description: 'Disabled' })
  @ApiErrors(
    { status: 401, description: 'No valid credentials, or the password or code is not correct' },
    { status: 409, description: 'Two-factor authentication is not enabled' },
  )
  async disable(
    @CurrentUser() user: SignedIn,
    @Body(new ZodPipe(disableBody)) body: DisableBody,
    @Client() client: ClientInfo,
  ) {
    await this.enrollment.disable(user.userId, body.password, body.code, client.ip);
  }

  @Post('recovery-codes')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Replace the recovery codes', description: 'The previous codes stop working.' })
  @ApiBody({ schema: toOpenApi(codeBody) })
  @ApiCreatedResponse({ description: 'The new recovery codes, shown this once', schema: recoveryCodesSchema })
  @ApiErrors(
    { status: 401, description: 'No valid credentials, or the code is invalid or already used' },
    { status: 409, description: 'Two-factor authentication is not enabled' },
  )
  regenerateRecoveryCodes(
    @CurrentUser() user: SignedIn,
    @Body(new ZodPipe(codeBody)) body: CodeBody,
    @Client() client: ClientInfo,
  ) {
    return this.enrollment.regenerateRecoveryCodes(user.userId, body.code, client.ip);
  }
}
