import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import {
  currentUserSchema,
  messageSchema,
  revokedSessionsSchema,
  sessionsSchema,
  signInResultSchema,
  tokenPairSchema,
} from '../openapi/account-schemas.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { PlatformOperatorsRepository } from '../operators/platform-operators.repository.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';
import { UsersRepository } from '../users/users.repository.js';
import {
  changePasswordBody,
  forgotPasswordBody,
  loginBody,
  loginMfaBody,
  refreshBody,
  registerBody,
  resetPasswordBody,
} from './auth.schemas.js';
import { Client, type ClientInfo, CurrentUser, Public, UsersOnly } from './decorators.js';
import { PasswordChangeService } from './password-change.service.js';
import { PasswordResetService } from './password-reset.service.js';
import {
  clearRefreshCookie,
  deliverPair,
  readRefreshCookie,
  type RefreshTokenIn,
  requireOwnOrigin,
} from './refresh-cookie.js';
import { REGISTERED_MESSAGE, RegistrationService } from './registration.service.js';
import { SessionsService, type TokenPair } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';

type Body<S> = S extends { _output: infer T } ? T : never;
type SignedIn = { userId: string; sessionId: string };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly signIn: SignInService,
    private readonly sessions: SessionsService,
    private readonly passwordReset: PasswordResetService,
    private readonly passwordChange: PasswordChangeService,
    private readonly users: UsersRepository,
    private readonly operators: PlatformOperatorsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  @Public()
  @RateLimit(POLICIES.login)
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'With MFA on, answers an mfaToken for POST /auth/login/mfa instead of tokens. `refreshTokenIn: cookie` (from a ' +
      'page of this API’s own origin) sets the refresh token as an HttpOnly cookie for /api/v1/auth/refresh instead.',
  })
  @ApiBody({ schema: toOpenApi(loginBody) })
  @ApiOkResponse({ description: 'Signed in, or the second step is needed', schema: signInResultSchema })
  @ApiErrors(
    400,
    { status: 401, description: 'Invalid email or password' },
    { status: 403, description: 'Cookie mode from another origin, or without an Origin header' },
    { status: 429, description: 'Rate limited, or sign-in delayed after repeated failures' },
  )
  async login(
    @Body(new ZodPipe(loginBody)) body: Body<typeof loginBody>,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (body.refreshTokenIn === 'cookie') requireOwnOrigin(request);
    const result = await this.signIn.withPassword(body.email, body.password, client);
    return result.mfaRequired ? result : this.deliver(reply, result, body.refreshTokenIn);
  }

  @Public()
  @RateLimit(POLICIES.loginMfa)
  @Post('login/mfa')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Complete a sign-in with a TOTP code or a recovery code' })
  @ApiBody({ schema: toOpenApi(loginMfaBody) })
  @ApiOkResponse({ description: 'Signed in', schema: tokenPairSchema })
  @ApiErrors(
    400,
    { status: 401, description: 'The MFA token is invalid or expired, or the code is invalid or already used' },
    { status: 403, description: 'Cookie mode from another origin, or without an Origin header' },
    { status: 429, description: 'Rate limited, or sign-in delayed after repeated failures' },
  )
  async loginMfa(
    @Body(new ZodPipe(loginMfaBody)) body: Body<typeof loginMfaBody>,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (body.refreshTokenIn === 'cookie') requireOwnOrigin(request);
    return this.deliver(reply, await this.signIn.withMfa(body.mfaToken, body.code, client), body.refreshTokenIn);
  }

  @Public()
  @RateLimit(POLICIES.refresh)
  @Post('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'Each refresh token works once; presenting a used one revokes every session of its user. Without refreshToken in ' +
      'the body, the np_refresh cookie of cookie mode is used (the Origin header must be this API’s origin) and the ' +
      'new refresh token is set in it again.',
  })
  @ApiBody({ schema: toOpenApi(refreshBody) })
  @ApiOkResponse({ description: 'A new token pair', schema: tokenPairSchema })
  @ApiErrors(
    400,
    { status: 401, description: 'The refresh token is invalid, expired or already used' },
    { status: 403, description: 'Cookie mode from another origin, or without an Origin header' },
    429,
  )
  async refresh(
    @Body(new ZodPipe(refreshBody)) body: Body<typeof refreshBody>,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (body.refreshToken) return this.sessions.refresh(body.refreshToken, client.ip);
    const cookie = readRefreshCookie(request);
    if (!cookie) {
      throw new BadRequestException({
        message: 'Invalid refreshToken',
        details: [{ field: 'refreshToken', problem: 'must be a token' }],
      });
    }
    requireOwnOrigin(request);
    try {
      return this.deliver(reply, await this.sessions.refresh(cookie, client.ip), 'cookie');
    } catch (error) {
      if (error instanceof UnauthorizedException) clearRefreshCookie(reply);
      throw error;
    }
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

  private deliver(reply: FastifyReply, pair: TokenPair, refreshTokenIn: RefreshTokenIn | undefined) {
    return deliverPair(reply, pair, refreshTokenIn, this.config.auth.refreshTokenTtlDays * 86_400);
  }
}
