import { Body, Controller, Delete, Get, Header, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import { UsersRepository } from '../users/users.repository.js';
import { loginBody, loginMfaBody, refreshBody, registerBody, forgotPasswordBody, resetPasswordBody } from './auth.schemas.js';
import { Client, type ClientInfo, CurrentUser, Public, UsersOnly } from './decorators.js';
import { PasswordResetService } from './password-reset.service.js';
import { REGISTERED_MESSAGE, RegistrationService } from './registration.service.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { POLICIES } from '../rate-limit/policies.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

type Body<S> = S extends { _output: infer T } ? T : never;
type SignedIn = { userId: string; sessionId: string };

@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly signIn: SignInService,
    private readonly sessions: SessionsService,
    private readonly passwordReset: PasswordResetService,
    private readonly users: UsersRepository,
  ) {}

  @Public()
  @RateLimit(POLICIES.register)
  @Post('register')
  @HttpCode(202)
  async register(@Body(new ZodPipe(registerBody)) body: Body<typeof registerBody>) {
    await this.registration.register(body);
    return { message: REGISTERED_MESSAGE };
  }

  @Public()
  @RateLimit(POLICIES.login)
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  login(@Body(new ZodPipe(loginBody)) body: Body<typeof loginBody>, @Client() client: ClientInfo) {
    return this.signIn.withPassword(body.email, body.password, client);
  }

  @Public()
  @RateLimit(POLICIES.loginMfa)
  @Post('login/mfa')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  loginMfa(@Body(new ZodPipe(loginMfaBody)) body: Body<typeof loginMfaBody>, @Client() client: ClientInfo) {
    return this.signIn.withMfa(body.mfaToken, body.code, client);
  }

  @Public()
  @RateLimit(POLICIES.refresh)
  @Post('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  refresh(@Body(new ZodPipe(refreshBody)) body: Body<typeof refreshBody>) {
    return this.sessions.refresh(body.refreshToken);
  }

  @UsersOnly()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: SignedIn) {
    await this.sessions.revoke(user.userId, user.sessionId, 'logout');
  }

  @UsersOnly()
  @Post('logout-all')
  @HttpCode(200)
  async logoutAll(@CurrentUser() user: SignedIn) {
    return { revoked: await this.sessions.revokeAll(user.userId, 'logout_all') };
  }

  @UsersOnly()
  @Get('me')
  async me(@CurrentUser() principal: SignedIn) {
    const user = await this.users.findById(principal.userId);
    if (!user) throw new NotFoundException({ message: 'The account no longer exists' });
    return { id: user._id.toHexString(), email: user.email, name: user.name, mfaEnabled: user.mfa.enabled, createdAt: user.createdAt };
  }

  @UsersOnly()
  @Get('sessions')
  async listSessions(@CurrentUser() user: SignedIn) {
    return { items: await this.sessions.list(user.userId, user.sessionId) };
  }

  @UsersOnly()
  @Delete('sessions/:id')
  @HttpCode(204)
  async revokeSession(@CurrentUser() user: SignedIn, @Param('id', new ObjectIdPipe('id')) sessionId: string) {
    await this.sessions.revoke(user.userId, sessionId, 'revoked_by_user');
  }

  @Public()
  @RateLimit(POLICIES.passwordReset)
  @Post('password/forgot')
  @HttpCode(202)
  forgotPassword(@Body(new ZodPipe(forgotPasswordBody)) body: Body<typeof forgotPasswordBody>) {
    this.passwordReset.requestReset(body.email);
    return { message: 'If an account uses this address, a reset link is on its way.' };
  }

  @Public()
  @RateLimit(POLICIES.passwordResetConfirm)
  @Post('password/reset')
  @HttpCode(204)
  async resetPassword(@Body(new ZodPipe(resetPasswordBody)) body: Body<typeof resetPasswordBody>) {
    await this.passwordReset.reset(body.token, body.password);
  }
}
