import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/decorators.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RATE_LIMIT_POLICY, RATE_LIMIT_SKIP } from './rate-limit.decorator.js';
import { rateLimitHeaders, type RateLimitPolicy } from './rate-limit-policy.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * Applies to every route (after authentication, so signed-in callers are counted by identity rather
 * than by IP), with the route's own @RateLimit policy or the default.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly defaultPolicy: RateLimitPolicy;

  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.defaultPolicy = { name: 'default', limit: config.rateLimit.perMinute, window: '1m', by: 'principal' };
  }

  /** The route's policy (or the default), with the limit and window operators set for its name. */
  private policyFor(targets: Parameters<Reflector['getAllAndOverride']>[1]): RateLimitPolicy {
    const policy = this.reflector.getAllAndOverride<RateLimitPolicy>(RATE_LIMIT_POLICY, targets) ?? this.defaultPolicy;
    return { ...policy, ...this.config.rateLimit.overrides[policy.name] };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (!this.config.rateLimit.enabled || this.reflector.getAllAndOverride<boolean>(RATE_LIMIT_SKIP, targets))
      return true;
    const policy = this.policyFor(targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const decision = await this.limiter.check(policy, identityOf(policy, request));
    if (!decision) return true;

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.headers(rateLimitHeaders(policy, decision));
    if (decision.allowed) return true;
    throw new HttpException(
      {
        message: `Too many requests (${policy.name} limit: ${policy.limit} per ${policy.window}); retry in ${decision.resetSeconds} s`,
        retryAfter: decision.resetSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Whose bucket a request counts against. Emails are hashed: Redis keys are not the place for them. */
function identityOf(policy: RateLimitPolicy, request: AuthenticatedRequest): string {
  const ip = `ip:${request.ip}`;
  if (policy.by === 'ip') return ip;
  if (policy.by === 'ip+email') {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    const normalised = typeof email === 'string' ? email.trim().toLowerCase() : '';
    return `${ip}:email:${createHash('sha256').update(normalised).digest('base64url').slice(0, 22)}`;
  }
  const principal = request.principal;
  if (principal?.kind === 'user') return `user:${principal.userId}`;
  if (principal?.kind === 'apiKey') return `key:${principal.keyId}`;
  return ip;
}
