import {
  BadRequestException,
  Body,
  Controller,
  Header,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { signInResultSchema, tokenPairSchema } from '../openapi/account-schemas.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { toOpenApi } from '../openapi/zod-schema.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';
import { loginBody, loginMfaBody, refreshBody } from './auth.schemas.js';
import { Client, type ClientInfo, Public } from './decorators.js';
import {
  clearRefreshCookie,
  deliverPair,
  readRefreshCookie,
  type RefreshTokenIn,
  requireOwnOrigin,
} from './refresh-cookie.js';
import { SessionsService, type TokenPair } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';

type Body<S> = S extends { _output: infer T } ? T : never;

/**
 * The routes that hand out token pairs: sign-in, its MFA step and refresh, each in JSON mode (the refresh
 * token in the body) or cookie mode (an HttpOnly cookie, see refresh-cookie.ts).
 */
@ApiTags('auth')
@Controller('auth')
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
      'Each refresh token works once; presenting a used one revokes every session of its user, except the token ' +
      'exchanged last within REFRESH_REUSE_INTERVAL_SECONDS, which gets the same new token again. Without refreshToken in ' +
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

  private deliver(reply: FastifyReply, pair: TokenPair, refreshTokenIn: RefreshTokenIn | undefined) {
    return deliverPair(reply, pair, refreshTokenIn, this.config.auth.refreshTokenTtlDays * 86_400);
  }
}
