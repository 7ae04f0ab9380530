import { localStack } from './stack';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** The contract's error body. */
export interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

export interface RequestOptions {
  /** Sent as `authorization: Bearer <accessToken>`. */
  user?: { accessToken: string };
  /** A bearer token given directly (one that is not a signed-in user's, or none). */
  token?: string;
  /** JSON-encoded unless it is a string, which is sent as is (so tests can send malformed JSON). */
  body?: unknown;
  /** Added to (or replacing) `content-type: application/json`. */
  headers?: Record<string, string>;
}

/** Requests made as one signed-in user: `as(alice).post('/rooms', {...})`. */
export interface UserRequests {
  get<T = unknown>(path: string): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  patch<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = unknown>(path: string): Promise<ApiResponse<T>>;
}

export interface HttpClient {
  /** One request; the JSON answer is parsed (an empty one is `undefined`). */
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** One request that must answer `status` (one of them, when several); returns the body. */
  expectStatus<T = unknown>(
    status: number | readonly number[],
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<T>;
  as(user: { accessToken: string }): UserRequests;
}

/** `{ authorization: 'Bearer <token>' }`. */
export function authHeader(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** A client of an HTTP API at `baseUrl` (read at each request when a function). */
export function httpClient(
  baseUrl: string | (() => string),
  settings: { timeoutMs?: number } = {},
): HttpClient {
  const base = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;
  const timeoutMs = settings.timeoutMs ?? 30_000;

  const request = async <T>(method: string, path: string, options: RequestOptions = {}) => {
    const token = options.user?.accessToken ?? options.token;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(token === undefined ? {} : authHeader(token)),
      ...options.headers,
    };
    const response = await fetch(`${base()}${path}`, {
      method,
      headers,
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? undefined : JSON.parse(text)) as T,
    };
  };

  const expectStatus = async <T>(
    status: number | readonly number[],
    method: string,
    path: string,
    options: RequestOptions = {},
  ) => {
    const response = await request<T>(method, path, options);
    const expected: readonly number[] = typeof status === 'number' ? [status] : status;
    if (!expected.includes(response.status)) {
      throw new Error(
        `${method} ${path} answered ${response.status}, not ${expected.join(' or ')}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body;
  };

  const as = (user: { accessToken: string }): UserRequests => ({
    get: (path) => request('GET', path, { user }),
    post: (path, body, headers) => request('POST', path, { user, body, ...(headers ? { headers } : {}) }),
    patch: (path, body) => request('PATCH', path, { user, body }),
    put: (path, body) => request('PUT', path, { user, body }),
    delete: (path) => request('DELETE', path, { user }),
  });

  return { request, expectStatus, as } as HttpClient;
}

/** The HTTP API of the stack the integration tests run against. */
export const stackApi: HttpClient = httpClient(() => localStack().http);

/** One request to the stack's HTTP API: `api('POST', '/rooms', { user: alice, body: {...} })`. */
export const api = stackApi.request;
/** One request to the stack's HTTP API that must answer `status`; returns the body. */
export const expectStatus = stackApi.expectStatus;
/** Requests to the stack's HTTP API as one signed-in user. */
export const as = stackApi.as;
