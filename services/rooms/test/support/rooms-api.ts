import { localStack } from '../../../../tools/local/test/support/local-stack';
import { authHeader, type SignedInUser } from '../../../../tools/local/test/support/users';

/** A tiny client of the stack's HTTP API for the rooms tests: `as(alice).post('/rooms', {...})`. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

export interface RoomBody {
  roomId: string;
  kind: 'room' | 'dm';
  name: string;
  topic: string;
  visibility: 'public' | 'private';
  ownerId: string;
  memberCount: number;
  createdAt: string;
}

export interface MemberBody {
  roomId: string;
  userId: string;
  username: string;
  role: 'owner' | 'admin' | 'member';
  joinedAt: string;
}

export interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

export async function request<T = unknown>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) Object.assign(headers, authHeader(options.token));
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
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
    body: (text === '' ? undefined : JSON.parse(text)) as T,
    headers: response.headers,
  };
}

/** Requests made as one signed-in user. */
export function as(user: Pick<SignedInUser, 'accessToken'>) {
  const token = user.accessToken;
  return {
    get: <T = unknown>(path: string) => request<T>('GET', path, { token }),
    post: <T = unknown>(path: string, body: unknown, headers?: Record<string, string>) =>
      request<T>('POST', path, { token, body, ...(headers ? { headers } : {}) }),
    patch: <T = unknown>(path: string, body: unknown) => request<T>('PATCH', path, { token, body }),
    delete: <T = unknown>(path: string) => request<T>('DELETE', path, { token }),
  };
}

/** Creates a room as `owner` and returns it (fails the test on anything but 201). */
export async function createRoom(
  owner: Pick<SignedInUser, 'accessToken'>,
  body: { name?: string; visibility?: 'public' | 'private'; topic?: string } = {},
  headers?: Record<string, string>,
): Promise<RoomBody> {
  const response = await as(owner).post<RoomBody>(
    '/rooms',
    { name: body.name ?? `room ${Date.now()}`, visibility: body.visibility ?? 'public', ...body },
    headers,
  );
  if (response.status !== 201)
    throw new Error(`POST /rooms answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'a condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
