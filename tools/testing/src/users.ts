import { randomBytes } from 'node:crypto';
import { stackApi, type HttpClient } from './api';

/**
 * Users for integration tests, made through the running stack's HTTP API (POST /auth/register and
 * /auth/login), so every test gets its own real Cognito user, profile and tokens.
 *
 *   const alice = await signedInUser();                      // registered and logged in
 *   await api('GET', '/rooms', { user: alice });
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

/** Registers a new user with a unique username and e-mail address (override any of them). */
export async function registerUser(
  overrides: Partial<Credentials> = {},
  client: HttpClient = stackApi,
): Promise<RegisteredUser> {
  const username = overrides.username ?? uniqueUsername();
  const credentials: Credentials = {
    username,
    email: overrides.email ?? `${username}@example.com`,
    password: overrides.password ?? TEST_PASSWORD,
  };
  const { userId } = await client.expectStatus<{ userId: string }>(201, 'POST', '/auth/register', {
    body: credentials,
  });
  return { ...credentials, username: credentials.username.toLowerCase(), userId };
}

/** Logs a registered user in and returns it with its tokens. */
export async function loginUser(
  user: Credentials & { userId?: string },
  client: HttpClient = stackApi,
): Promise<SignedInUser> {
  const tokens = await client.expectStatus<
    Pick<SignedInUser, 'accessToken' | 'idToken' | 'refreshToken' | 'expiresIn'>
  >(200, 'POST', '/auth/login', { body: { username: user.username, password: user.password } });
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
export async function signedInUser(
  overrides: Partial<Credentials> = {},
  client: HttpClient = stackApi,
): Promise<SignedInUser> {
  return loginUser(await registerUser(overrides, client), client);
}

/** `count` new signed-in users, made concurrently. */
export function signedInUsers(count: number): Promise<SignedInUser[]> {
  return Promise.all(Array.from({ length: count }, () => signedInUser()));
}

/** The `sub` claim of a JWT (read, not verified: for test bookkeeping only). */
function subjectOf(jwt: string): string {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub?: unknown;
  };
  if (typeof payload.sub !== 'string') throw new Error('the access token has no sub');
  return payload.sub;
}

/** Logs `user` out (POST /auth/logout); anything but 204 fails. */
export async function logOut(
  user: Pick<SignedInUser, 'accessToken'>,
  client: HttpClient = stackApi,
): Promise<void> {
  await client.expectStatus(204, 'POST', '/auth/logout', { user });
}
