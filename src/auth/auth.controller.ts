import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { currentUserSchema, messageSchema, revokedSessionsSchema, sessionsSchema } from '../openapi/account-schemas.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { PlatformOperatorsRepository } from '../operators/platform-operators.repository.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';
import { UsersRepository } from '../users/users.repository.js';
import { changePasswordBody, forgotPasswordBody, registerBody, resetPasswordBody } from './auth.schemas.js';
import { Client, type ClientInfo, CurrentUser, Public, UsersOnly } from './decorators.js';
import { PasswordChangeService } from './password-change.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { clearRefreshCookie } from './refresh-cookie.js';
import { REGISTERED_MESSAGE, RegistrationService } from './registration.service.js';
import { SessionsService } from './sessions.service.js';

type Body<S> = S extends { _output: infer T } ? T : never;
type SignedIn = { userId: string; sessionId: string };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionsService,
    private readonly passwordReset: PasswordResetService,
    private readonly passwordChange: PasswordChangeService,
    private readonly users: UsersRepository,
    private readonly operators: PlatformOperatorsRepository,
  ) {}

  @Public()
  @RateLimit(POLICIES.register)
  @Post('register')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sign up',
    description: 'Answers the same whether or not the email is taken; the owner of a taken address is told by email.',
  })
  @ApiBody({ schema: toOpenApi(registerBody) })
  @ApiAcceptedResponse({ description: 'Registered, or the address already has an account', schema: messageSchema })
  @ApiErrors(400, 429)
  async register(@Body(new ZodPipe(registerBody)) body: Body<typeof registerBody>) {
    await this.registration.register(body);
    return { message: REGISTERED_MESSAGE };
  }

  @UsersOnly()
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: "Sign out this access token's session", description: 'Also clears the refresh cookie.' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(401, 403, { status: 404, description: 'The session was already signed out' }, 429)
  async logout(
    @CurrentUser() user: SignedIn,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    clearRefreshCookie(reply);
    await this.sessions.revoke(user.userId, user.sessionId, 'logout', client.ip);
  }

  @UsersOnly()
  @Post('logout-all')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Sign out every session of the signed-in user' })
  @ApiOkResponse({ description: 'Signed out', schema: revokedSessionsSchema })
  @ApiErrors(401, 403, 429)
  async logoutAll(
    @CurrentUser() user: SignedIn,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    clearRefreshCookie(reply);
    return { revoked: await this.sessions.signOutEverywhere(user.userId, client.ip) };
  }

  @UsersOnly()
  @Get('me')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ description: 'The signed-in user', schema: currentUserSchema })
  @ApiErrors(401, 403, { status: 404, description: 'The account no longer exists' }, 429)
  async me(@CurrentUser() principal: SignedIn) {
    const user = await this.users.findById(principal.userId);
    if (!user) throw new NotFoundException({ message: 'The account no longer exists' });
    return {
      id: user._id.toHexString(),
      email: user.email,
      name: user.name,
      mfaEnabled: user.mfa.enabled,
      operator: await this.operators.isOperator(principal.userId),
      createdAt: user.createdAt,
    };
  }

  @UsersOnly()
  @Get('sessions')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: "The signed-in user's active sessions" })
  @ApiOkResponse({ description: 'Active sessions', schema: sessionsSchema })
  @ApiErrors(401, 403, 429)
  async listSessions(@CurrentUser() user: SignedIn) {
    return { items: await this.sessions.list(user.userId, user.sessionId) };
  }

  @UsersOnly()
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Sign out one of your sessions' })
  @ApiIdParam('id', 'Session id')
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(400, 401, 403, { status: 404, description: 'No such active session' }, 429)
  async revokeSession(
    @CurrentUser() user: SignedIn,
    @Param('id', new ObjectIdPipe('id')) sessionId: string,
    @Client() client: ClientInfo,
  ) {
    await this.sessions.revoke(user.userId, sessionId, 'revoked_by_user', client.ip);
  }

  @Public()
  @RateLimit(POLICIES.passwordReset)
  @Post('password/forgot')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Email a password reset link',
    description: 'Answers the same whether or not the address has an account.',
  })
  @ApiBody({ schema: toOpenApi(forgotPasswordBody) })
  @ApiAcceptedResponse({ description: 'A link is on its way if the address has an account', schema: messageSchema })
  @ApiErrors(400, 429)
  forgotPassword(@Body(new ZodPipe(forgotPasswordBody)) body: Body<typeof forgotPasswordBody>) {
    this.passwordReset.requestReset(body.email);
    return { message: 'If an account uses this address, a reset link is on its way.' };
  }

  @Public()
  @RateLimit(POLICIES.passwordResetConfirm)
  @Post('password/reset')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with a reset token',
    description: 'Signs every session out and signs nobody in.',
  })
  @ApiBody({ schema: toOpenApi(resetPasswordBody) })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiErrors(
    { status: 400, description: 'The request is invalid, or the token is invalid, expired or already used' },
    429,
  )
  async resetPassword(
    @Body(new ZodPipe(resetPasswordBody)) body: Body<typeof resetPasswordBody>,
    @Client() client: ClientInfo,
  ) {
    await this.passwordReset.reset(body.token, body.password, client.ip);
  }

  @UsersOnly()
  @RateLimit(POLICIES.passwordChange)
  @Post('password/change')
  @HttpCode(204)
  @ApiBearerAuth('bearer')
  @ApiOperation({
    summary: 'Change your password',
    description:
      'Needs the current password, and with MFA on a current code. Signs every other session out and keeps this one.',
  })
  @ApiBody({ schema: toOpenApi(changePasswordBody) })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiErrors(
    {
      status: 400,
      description: 'The request is invalid, the current password or the code is wrong, or the new password is refused',
    },
    401,
    403,
    429,
  )
  async changePassword(
    @CurrentUser() user: SignedIn,
    @Body(new ZodPipe(changePasswordBody)) body: Body<typeof changePasswordBody>,
    @Client() client: ClientInfo,
  ) {
    await this.passwordChange.change(user, body, client.ip);
  }
}
