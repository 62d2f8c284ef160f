import { ApiError, type ApiErrorBody } from './contract.js';

export const API_BASE = '/api/v1';
const REFRESH_LOCK = 'novapulse.console.refresh';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  mfaEnabled: boolean;
  operator: boolean;
}

export type SignInStep = { kind: 'signed-in' } | { kind: 'mfa'; mfaToken: string };

interface Tokens {
  accessToken: string;
}

/** A non-2xx answer as an ApiError, with the seconds of its Retry-After header when it has one. */
export async function errorFrom(response: Response): Promise<ApiError> {
  let body: ApiErrorBody;
  try {
    body = (await response.json()) as ApiErrorBody;
  } catch {
    body = { message: `The API answered ${response.status} ${response.statusText}` };
  }
  const header = response.headers.get('retry-after');
  const retryAfter = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  return new ApiError(response.status, body, retryAfter);
}

async function postAuth<T>(path: string, body: unknown, accessToken?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  // A JSON content type with no body is a 400.
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${API_BASE}${path}`, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) throw await errorFrom(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/**
 * Who is signed in. The access token lives only in this object's memory; the refresh token is an
 * HttpOnly cookie (cookie mode) that no script can read, so a reloaded page signs in again by refreshing.
 */
export class Session {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  get token(): string | null {
    return this.accessToken;
  }

  /** Called whenever the session starts or ends; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(email: string, password: string): Promise<SignInStep> {
    const answer = await postAuth<{ mfaRequired: boolean; mfaToken?: string; accessToken?: string }>('/auth/login', {
      email,
      password,
      refreshTokenIn: 'cookie',
    });
    if (answer.mfaRequired && answer.mfaToken) return { kind: 'mfa', mfaToken: answer.mfaToken };
    this.setToken(answer.accessToken ?? null);
    return { kind: 'signed-in' };
  }

  async completeMfa(mfaToken: string, code: string): Promise<void> {
    const answer = await postAuth<Tokens>('/auth/login/mfa', { mfaToken, code, refreshTokenIn: 'cookie' });
    this.setToken(answer.accessToken);
  }

  /**
   * A new access token from the refresh cookie. Each refresh token works once, and presenting one twice
   * reads as theft and ends every session of the user: so callers share one refresh in flight, and tabs
   * take turns through a Web Lock (the next tab then sends the cookie the previous one received).
   */
  refresh(): Promise<boolean> {
    const post = () => postAuth<Tokens>('/auth/refresh', {});
    this.refreshing ??= (navigator.locks ? navigator.locks.request(REFRESH_LOCK, post) : post())
      .then(
        (answer) => {
          this.setToken(answer.accessToken);
          return true;
        },
        () => {
          this.setToken(null);
          return false;
        },
      )
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Ends this session on the server (which also clears the cookie), then here, whatever the server said. */
  async signOut(): Promise<void> {
    const token = this.accessToken;
    try {
      if (token) await postAuth<void>('/auth/logout', undefined, token);
    } catch {
      // Already signed out there (an expired or revoked session): nothing more to end.
    } finally {
      this.setToken(null);
    }
  }

  /** After "sign out everywhere" the server has already ended this session. */
  forget(): void {
    this.setToken(null);
  }

  private setToken(token: string | null): void {
    const changed = (token === null) !== (this.accessToken === null);
    this.accessToken = token;
    if (changed) for (const listener of this.listeners) listener();
  }
}
