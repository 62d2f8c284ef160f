import { ForbiddenException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokenPair } from './sessions.service.js';

/**
 * Cookie mode, for the browser console: the refresh token travels only in an HttpOnly cookie that the
 * browser sends to the refresh route alone, so page scripts never see it. SameSite=Strict keeps other
 * sites from sending it; the Origin check below is the second line against cross-site requests.
 */
export const REFRESH_COOKIE = 'np_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth/refresh';

export type RefreshTokenIn = 'body' | 'cookie';

const ATTRIBUTES = `Path=${REFRESH_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict`;

export function setRefreshCookie(reply: FastifyReply, refreshToken: string, maxAgeSeconds: number): void {
  void reply.header('set-cookie', `${REFRESH_COOKIE}=${refreshToken}; Max-Age=${maxAgeSeconds}; ${ATTRIBUTES}`);
}

export function clearRefreshCookie(reply: FastifyReply): void {
  void reply.header('set-cookie', `${REFRESH_COOKIE}=; Max-Age=0; ${ATTRIBUTES}`);
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE && value.length) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * A request that sets or uses the cookie must come from a page of the API's own origin: browsers send
 * Origin on every POST, so a missing one means a client that is not a browser page, or an old browser.
 */
export function requireOwnOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin !== `${request.protocol}://${request.host}`) {
    throw new ForbiddenException({
      message: 'Cookie-mode requests must come from the console on this API’s own origin',
      details: [{ field: 'origin', problem: origin ? 'is not this API’s origin' : 'is required' }],
    });
  }
}

/** In cookie mode the refresh token goes into the cookie and out of the JSON answer. */
export function deliverPair<T extends TokenPair>(
  reply: FastifyReply,
  pair: T,
  refreshTokenIn: RefreshTokenIn | undefined,
  maxAgeSeconds: number,
): T | Omit<T, 'refreshToken'> {
  if (refreshTokenIn !== 'cookie') return pair;
  const { refreshToken, ...rest } = pair;
  setRefreshCookie(reply, refreshToken, maxAgeSeconds);
  return rest;
}
