import { ChatApiError, type FieldIssue } from './errors.js';

export interface HttpRequest {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Send the access token (and refresh it once on a 401). */
  auth: boolean;
}

/** Where a request gets its access token: a valid one, or a refreshed one after the server refused it. */
export interface TokenSource {
  accessToken(): Promise<string>;
  /** After a 401: a new token if one can be had, else undefined. */
  refreshedAccessToken(): Promise<string | undefined>;
}

export type Fetch = typeof fetch;

function queryString(query: HttpRequest['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

async function errorOf(response: Response): Promise<ChatApiError> {
  const text = await response.text();
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not the contract's error body (a proxy, a gateway): the status speaks
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ChatApiError(
    response.status,
    typeof body.error?.code === 'string' ? body.error.code : `HTTP_${response.status}`,
    typeof body.error?.message === 'string' ? body.error.message : response.statusText,
    Array.isArray(body.error?.details) ? (body.error.details as FieldIssue[]) : [],
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
  );
}

/** One JSON request to the REST API at `baseUrl`; a non-2xx answer throws a `ChatApiError`. */
export function httpTransport(baseUrl: string, tokens: TokenSource, fetchImpl: Fetch = fetch) {
  const base = baseUrl.replace(/\/+$/, '');
  const send = (request: HttpRequest, token: string | undefined) =>
    fetchImpl(`${base}${request.path}${queryString(request.query)}`, {
      method: request.method,
      headers: {
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });

  return async function request<T>(request: HttpRequest): Promise<T> {
    let response = await send(request, request.auth ? await tokens.accessToken() : undefined);
    if (response.status === 401 && request.auth) {
      const refreshed = await tokens.refreshedAccessToken();
      if (refreshed !== undefined) response = await send(request, refreshed);
    }
    if (!response.ok) throw await errorOf(response);
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
}

export type Transport = ReturnType<typeof httpTransport>;
