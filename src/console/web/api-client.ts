import type { ApiClient } from './contract.js';
import { API_BASE, errorFrom, type Session } from './session.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The ApiClient pages use: the session's token, the chosen organization, one refresh and retry on a 401. */
export class ConsoleApiClient implements ApiClient {
  constructor(
    private readonly session: Session,
    private readonly orgId: string | null,
  ) {}

  async get<T>(path: string, options: { signal?: AbortSignal } = {}): Promise<T> {
    return bodyOf<T>(await this.call('GET', path, undefined, options.signal));
  }

  async send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return bodyOf<T>(await this.call(method, path, body));
  }

  fetchRaw(path: string): Promise<Response> {
    return this.call('GET', path);
  }

  private async call(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    let response = await this.once(method, path, body, signal);
    if (response.status === 401 && this.session.token !== null && (await this.session.refresh())) {
      response = await this.once(method, path, body, signal);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  private once(method: Method, path: string, body: unknown, signal: AbortSignal | undefined): Promise<Response> {
    const headers: Record<string, string> = {};
    const token = this.session.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.orgId) headers['x-org-id'] = this.orgId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  }
}

async function bodyOf<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
