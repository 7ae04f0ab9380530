import { randomBytes } from 'node:crypto';
import { localStack } from './local-stack';

/**
 * Users for integration tests, made through the running stack's HTTP API (POST /auth/register and
 * /auth/login), so every test gets its own real Cognito user, profile and tokens.
 *
 *   const alice = await signedInUser();                      // registered and logged in
 *   await fetch(`${localStack().http}/rooms`, { headers: authHeader(alice.accessToken) });
 */

/** Meets the user pool's password policy. */
export const TEST_PASSWORD = 'Correct-Horse-9';

export interface Credentials {
  username: string;
  email: string;
  password: string;
}

export interface RegisteredUser extends Credentials {
  /** The Cognito `sub`. */
  userId: string;
}

export interface SignedInUser extends RegisteredUser {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** A username no other test uses: `<prefix><time><random>`, lower-case, at most 32 characters. */
export function uniqueUsername(prefix = 'user'): string {
  const suffix = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  return `${prefix.toLowerCase().slice(0, 32 - suffix.length)}${suffix}`;
}

/** `{ authorization: 'Bearer <token>' }`. */
export function authHeader(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

async function postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${localStack().http}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Registers a new user with a unique username and e-mail address (override any of them). */
export async function registerUser(overrides: Partial<Credentials> = {}): Promise<RegisteredUser> {
  const username = overrides.username ?? uniqueUsername();
  const credentials: Credentials = {
    username,
    email: overrides.email ?? `${username}@example.com`,
    password: overrides.password ?? TEST_PASSWORD,
  };
  const { status, body } = await postJson('/auth/register', credentials);
  if (status !== 201) {
    throw new Error(`POST /auth/register answered ${status}: ${JSON.stringify(body)}`);
  }
  const { userId } = body as { userId: string };
  return { ...credentials, username: credentials.username.toLowerCase(), userId };
}

/** Logs a registered user in and returns it with its tokens. */
export async function loginUser(user: Credentials & { userId?: string }): Promise<SignedInUser> {
  const { status, body } = await postJson('/auth/login', {
    username: user.username,
    password: user.password,
  });
  if (status !== 200) throw new Error(`POST /auth/login answered ${status}: ${JSON.stringify(body)}`);
  const tokens = body as Pick<SignedInUser, 'accessToken' | 'idToken' | 'refreshToken' | 'expiresIn'>;
  return {
    ...user,
    userId: user.userId ?? subjectOf(tokens.accessToken),
    accessToken: tokens.accessToken,
    idToken: tokens.idToken,
    refreshToken: tokens.refreshToken,
    expiresIn: tokens.expiresIn,
  };
}

/** A new user, registered and logged in. */
export async function signedInUser(overrides: Partial<Credentials> = {}): Promise<SignedInUser> {
  return loginUser(await registerUser(overrides));
}

/** The `sub` claim of a JWT (read, not verified: for test bookkeeping only). */
function subjectOf(jwt: string): string {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub?: unknown;
  };
  if (typeof payload.sub !== 'string') throw new Error('the access token has no sub');
  return payload.sub;
}
