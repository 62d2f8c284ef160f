import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope } from '../api-keys/api-key-scopes.js';
import type { Principal } from './principal.js';

export const PUBLIC_ROUTE = 'novapulse:public';
export const USERS_ONLY = 'novapulse:users-only';
export const REQUIRED_SCOPE = 'novapulse:scope';

/** No credentials needed (sign-up, sign-in, probes). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only a signed-in user may call this; API keys are refused (their account is an organization's). */
export const UsersOnly = () => SetMetadata(USERS_ONLY, true);

/** An API key may call this route only if it carries the scope; users are checked by role instead. */
export const Scope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

/** The signed-in user of a @UsersOnly() route. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'user') throw new Error('CurrentUser used on a route API keys may call');
  return principal;
});

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

export const Client = createParamDecorator((_data: unknown, context: ExecutionContext): ClientInfo => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent.slice(0, 512) : '' };
});
