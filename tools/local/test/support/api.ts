import { localStack } from './local-stack';
import { authHeader, type SignedInUser } from './users';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** The contract's error body. */
export interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

/**
 * One request to the local stack's HTTP API, as `user` when given; JSON in and out (a string body is sent as is,
 * so tests can send malformed JSON).
 */
export async function api<T = unknown>(
  method: string,
  path: string,
  options: { user?: SignedInUser; body?: unknown } = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${localStack().http}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.user ? authHeader(options.user.accessToken) : {}),
    },
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}
