import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { Client, type ClientInfo, CurrentUser, UsersOnly } from '../auth/decorators.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { codeBody, type CodeBody, disableBody, type DisableBody, setupBody, type SetupBody } from './dto/mfa.dto.js';
import { MfaEnrollment } from './mfa-enrollment.service.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

type SignedIn = { userId: string; sessionId: string };

/** The signed-in user's own second factor. Responses that carry a secret are never cached. */
@UsersOnly()
@RateLimit(POLICIES.mfa)
@Controller('mfa')
export class MfaController {
  constructor(private readonly enrollment: MfaEnrollment) {}

  @Post('setup')
  @Header('Cache-Control', 'no-store')
  setup(@CurrentUser() user: SignedIn, @Body(new ZodPipe(setupBody)) body: SetupBody) {
    return this.enrollment.setup(user.userId, body.password);
  }

  @Post('verify')
  @Header('Cache-Control', 'no-store')
  verify(@CurrentUser() user: SignedIn, @Body(new ZodPipe(codeBody)) body: CodeBody, @Client() client: ClientInfo) {
    return this.enrollment.enable(user.userId, body.code, client.ip);
  }

  @Post('disable')
  @HttpCode(204)
  async disable(@CurrentUser() user: SignedIn, @Body(new ZodPipe(disableBody)) body: DisableBody, @Client() client: ClientInfo) {
    await this.enrollment.disable(user.userId, body.password, body.code, client.ip);
  }

  @Post('recovery-codes')
  @Header('Cache-Control', 'no-store')
  regenerateRecoveryCodes(@CurrentUser() user: SignedIn, @Body(new ZodPipe(codeBody)) body: CodeBody, @Client() client: ClientInfo) {
    return this.enrollment.regenerateRecoveryCodes(user.userId, body.code, client.ip);
  }
}
