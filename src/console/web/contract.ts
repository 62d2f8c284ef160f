/**
 * What the console shell hands every page. Pages call the API only through `api`, which adds the
 * in-memory access token and the `X-Org-Id` of the organization picked in the switcher, refreshes the
 * token once on a 401 and turns every non-2xx answer into an ApiError.
 */
export type Role = 'member' | 'admin' | 'owner';

export interface OrgChoice {
  id: string;
  name: string;
  role: Role;
}

export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  details?: { field: string; problem: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    /** Seconds from a `Retry-After` header (429, 503), when the answer had one. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(body.message ?? `Request failed with status ${status}`);
  }
}

export interface ApiClient {
  /** `path` is relative to `/api/v1`, e.g. `/webhooks`. */
  get<T>(path: string, options?: { signal?: AbortSignal }): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** The raw response of a download (a report file), after the same auth handling. */
  fetchRaw(path: string): Promise<Response>;
}

export interface PageProps {
  api: ApiClient;
  org: OrgChoice;
  /** Whether the signed-in user is a platform operator (queue statistics, failed jobs). */
  operator: boolean;
  /** Client-side navigation inside `/app`, e.g. `navigate('/webhooks/abc')`. */
  navigate(path: string): void;
  /** The part of the `/app` path after the page's own prefix, e.g. `abc` for `/app/webhooks/abc`. */
  subPath: string;
}
