import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { AccessTokens } from '../auth/access-tokens.js';
import { API_KEY_PREFIX, type Principal } from '../auth/principal.js';
import { SessionsService } from '../auth/sessions.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { PlatformOperatorsRepository } from './platform-operators.repository.js';

const NOT_OPERATOR = 'Only platform operators may do this';

/**
 * Who passes the operator routes: a signed-in user who is a platform operator now (read on every
 * request) and, when their account has MFA on, whose sign-in passed it. API keys never pass.
 */
@Injectable()
export class OperatorAccess {
  constructor(
    private readonly operators: PlatformOperatorsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokens,
  ) {}

  /** Throws 403 unless the principal is an operator as described above. */
  async require(principal: Principal): Promise<void> {
    if (principal.kind !== 'user') throw new ForbiddenException({ message: NOT_OPERATOR });
    if (!(await this.operators.isOperator(principal.userId))) throw new ForbiddenException({ message: NOT_OPERATOR });
    const user = await this.users.findById(principal.userId);
    if (!user) throw new ForbiddenException({ message: NOT_OPERATOR });
    if (user.mfa.enabled && !(await this.sessions.passedMfa(principal.userId, principal.sessionId))) {
      throw new ForbiddenException({ message: 'Operator routes need a sign-in that passed MFA; sign in again' });
    }
  }

  /**
   * The same check for routes outside Nest's guards, from the Authorization header alone: 401 without
   * valid credentials, 403 for anyone but an operator.
   */
  async requireBearer(authorization: string | undefined): Promise<void> {
    const bearer = /^Bearer ([\x21-\x7e]{1,1024})$/i.exec(authorization ?? '')?.[1];
    if (!bearer) throw new UnauthorizedException({ message: 'Sign in first: send Authorization: Bearer <token>' });
    if (bearer.startsWith(API_KEY_PREFIX)) throw new ForbiddenException({ message: NOT_OPERATOR });
    const claims = await this.accessTokens.verify(bearer);
    if (!claims || !(await this.sessions.isActive(claims.userId, claims.sessionId))) {
      throw new UnauthorizedException({ message: 'The access token is invalid, expired or revoked' });
    }
    await this.require({ kind: 'user', ...claims });
  }
}
