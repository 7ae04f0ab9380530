import { localStack } from '../../../../tools/local/test/support/local-stack';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ErrorResponseBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

export interface CallOptions {
  /** JSON-encoded unless it is a string (sent as is). */
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

/** One request to the local stack's HTTP API; the JSON answer is parsed. */
export async function call<T = unknown>(
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${localStack().http}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

/**
 * Calls `attempt` until `done` holds for its result or the deadline passes; returns the last result (the caller
 * asserts on it, so a timeout fails with the real answer).
 */
export async function eventually<T>(
  attempt: () => Promise<T>,
  done: (result: T) => boolean,
  deadlineMs = 5_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const result = await attempt();
    if (done(result) || Date.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
