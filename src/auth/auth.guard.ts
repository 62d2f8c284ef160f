import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyScope } from '../api-keys/api-key-scopes.js';
import { AccessTokens } from './access-tokens.js';
import { type AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_SCOPE, USERS_ONLY } from './decorators.js';
import { API_KEY_AUTHENTICATOR, API_KEY_PREFIX, type ApiKeyAuthenticator, type Principal } from './principal.js';
import { SessionsService } from './sessions.service.js';

/**
 * Every route requires a principal unless marked @Public(), so a new route is protected by default.
 * A user's access token counts only while its session is alive, so sign-out takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokens,
    private readonly sessions: SessionsService,
    @Inject(API_KEY_AUTHENTICATOR) private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const bearer = bearerToken(request.headers.authorization);

    if (isPublic) {
      // A public route may still use a caller's identity (accepting an invitation while signed in).
      if (bearer) request.principal = (await this.authenticate(bearer)) ?? undefined;
      return true;
    }
    if (!bearer) throw new UnauthorizedException({ message: 'Sign in first: send Authorization: Bearer <token>' });
    const principal = await this.authenticate(bearer);
    if (!principal)
      throw new UnauthorizedException({ message: 'The access token or API key is invalid, expired or revoked' });

    if (principal.kind === 'apiKey') {
      if (this.reflector.getAllAndOverride<boolean>(USERS_ONLY, targets)) {
        throw new ForbiddenException({ message: 'This route is for signed-in users; API keys cannot call it' });
      }
      const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, targets);
      if (!scope) throw new ForbiddenException({ message: 'API keys cannot call this route' });
      if (!principal.scopes.includes(scope))
        throw new ForbiddenException({ message: `This API key lacks the ${scope} scope` });
      request.principal = { ...principal, routeScope: scope };
      return true;
    }
    request.principal = principal;
    return true;
  }

  private async authenticate(bearer: string): Promise<Principal | null> {
    if (bearer.startsWith(API_KEY_PREFIX)) return this.apiKeys.authenticate(bearer);
    const claims = await this.accessTokens.verify(bearer);
    if (!claims || !(await this.sessions.isActive(claims.userId, claims.sessionId))) return null;
    return { kind: 'user', ...claims };
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([\x21-\x7e]{1,1024})$/i.exec(header ?? '');
  return match ? match[1]! : null;
}
