import { SESSION_TTL_SECONDS } from '../domain/token-lifetimes';
import { allowNewSession } from './allow-new-session';
import { InvalidCredentialsError, LoginThrottledError } from '../domain/errors';
import type { Clock, IdentityProvider, LoginAttempts, RevocationLedger, SessionStore } from './ports';
import { signInResponse, type SignInResponse } from './token-response';

export interface LoginPolicy {
  /** Failed logins for one username within a window after which logins are refused until it ends. */
  maxFailures: number;
  windowSeconds: number;
}

export interface LogInDependencies {
  identity: IdentityProvider;
  attempts: LoginAttempts;
  sessions: SessionStore;
  revocations: RevocationLedger;
  clock: Clock;
  policy: LoginPolicy;
}

/**
 * Password login. A username with `maxFailures` failed logins in the current window is refused with 429 and
 * Retry-After until the window ends, before the password is even checked (so guessing stops). Unknown users
 * count like known ones, and both fail with the same InvalidCredentialsError. A successful login clears the
 * count, records the sign-in session (for refresh and logout) and, right after a logout, allows it.
 */
export async function logIn(
  deps: LogInDependencies,
  input: { username: string; password: string },
): Promise<SignInResponse> {
  const startedAt = deps.clock.now();
  const failed = await deps.attempts.current(input.username, startedAt);
  if (failed && failed.failures >= deps.policy.maxFailures) {
    throw new LoginThrottledError((failed.resetsAt.getTime() - startedAt.getTime()) / 1000);
  }

  let tokens;
  try {
    tokens = await deps.identity.passwordLogin(input.username, input.password);
  } catch (error) {
    if (error instanceof InvalidCredentialsError) {
      await deps.attempts.recordFailure(input.username, startedAt, deps.policy.windowSeconds);
    }
    throw error;
  }

  // A closed account: its pool user may still sign in for the moment until the saga deletes it; we refuse.
  if ((await deps.revocations.current(tokens.session.userId))?.closedAt !== undefined) {
    throw new InvalidCredentialsError();
  }
  if (failed) await deps.attempts.clear(input.username);
  await deps.sessions.start({
    refreshToken: tokens.refreshToken,
    userId: tokens.session.userId,
    startedAt,
    expiresAt: new Date(startedAt.getTime() + SESSION_TTL_SECONDS * 1000),
  });
  await allowNewSession(deps, tokens.session, startedAt);
  return signInResponse(tokens);
}
