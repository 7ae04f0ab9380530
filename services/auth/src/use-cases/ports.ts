import type { RevocationRecord, TokenSession } from '@chat/auth-verifier';
import type { Clock, IdGenerator } from '@chat/runtime';
import type { UserRecord } from '../domain/user';

export type { Clock, IdGenerator };

/** Tokens from the identity provider, with what the revocation bookkeeping needs from the access token. */
export interface IssuedTokens {
  accessToken: string;
  idToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  session: TokenSession;
}

export interface SignedInTokens extends IssuedTokens {
  refreshToken: string;
}

/**
 * The user pool (Cognito). Failures the caller can act on are domain errors: UsernameTakenError,
 * WeakPasswordError, RegistrationRefusedError, InvalidConfirmationCodeError, InvalidCredentialsError,
 * AccountNotConfirmedError, InvalidRefreshTokenError. Anything else is a fault.
 */
export interface IdentityProvider {
  signUp(input: { username: string; email: string; password: string }): Promise<{
    userId: string;
    confirmed: boolean;
  }>;
  /** Confirms a sign-up without the e-mailed code (stages that auto-confirm). */
  confirmSignUpAsAdmin(username: string): Promise<void>;
  confirmSignUp(username: string, code: string): Promise<void>;
  /** Compensation when a registration cannot be completed; erasing a closed account (a no-op when gone). */
  deleteUser(username: string): Promise<void>;
  /** Closing an account: sign-ins are refused at once (a no-op when the user is gone). */
  disableUser(username: string): Promise<void>;
  passwordLogin(username: string, password: string): Promise<SignedInTokens>;
  refresh(refreshToken: string): Promise<IssuedTokens>;
  revokeRefreshToken(refreshToken: string): Promise<void>;
}

export interface UniquenessClaim {
  username: string;
  email: string;
  /** Identifies this registration's claim, so only it can complete or release it. */
  claimId: string;
}

/** The registration side of the users table: unique username and e-mail claims, and the account record. */
export interface RegistrationStore {
  /**
   * Claims the username and the e-mail address together until `expiresAt` (a pending claim left by a failed
   * registration frees itself then). UsernameTakenError or EmailTakenError when either is held.
   */
  claim(claim: UniquenessClaim, times: { now: Date; expiresAt: Date }): Promise<void>;
  /** Frees a pending claim of this registration (no-op when it is not held by it). */
  release(claim: UniquenessClaim): Promise<void>;
  /** Stores the account and makes its claims permanent, atomically. */
  complete(user: UserRecord, claim: UniquenessClaim, correlationId: string): Promise<void>;
  /**
   * A closed account's claims: the e-mail address is released (and forgotten), the username stays reserved for
   * good (no new account may take it) without naming the user any more. Idempotent.
   */
  retire(user: Pick<UserRecord, 'username' | 'email'>): Promise<void>;
}

export interface ProfileStore {
  get(userId: string): Promise<UserRecord | undefined>;
  /** The updated record, or undefined when there is no such user. */
  updateDisplayName(userId: string, displayName: string): Promise<UserRecord | undefined>;
  /** Users whose username starts with `prefix`, in username order. */
  findByUsernamePrefix(prefix: string, limit: number): Promise<UserRecord[]>;
  /** Erases the profile (a no-op when there is none). */
  remove(userId: string): Promise<void>;
}

export interface FailedLogins {
  failures: number;
  /** When the count starts again from zero. */
  resetsAt: Date;
}

/** Failed-login counters per username, each living for one window from its first failure. */
export interface LoginAttempts {
  /** The current window's count, or undefined when there is none (or it has ended). */
  current(username: string, now: Date): Promise<FailedLogins | undefined>;
  recordFailure(username: string, now: Date, windowSeconds: number): Promise<void>;
  clear(username: string): Promise<void>;
}

/** Sign-in sessions started through this API, found by their refresh token (stored hashed). */
export interface SessionStore {
  start(session: { refreshToken: string; userId: string; startedAt: Date; expiresAt: Date }): Promise<void>;
  find(refreshToken: string): Promise<{ userId: string; startedAt: Date } | undefined>;
}

/** The revocations table, written by the auth service (read by every service through @chat/auth-verifier). */
export interface RevocationLedger {
  current(userId: string): Promise<RevocationRecord | undefined>;
  /** Records a logout at `at` (a later logout already recorded wins), which empties the allowed sessions. */
  revoke(userId: string, at: Date, options: { expiresAt: Date; correlationId: string }): Promise<void>;
  /** Allows a session begun after the logout `revokedAt`; a no-op once a newer logout replaced it. */
  allowSession(userId: string, revokedAt: string, sessionKey: string): Promise<void>;
  /**
   * Closes the account at `at`: every token of the user is refused for good (the record never expires) and the
   * record's stream publishes UserLoggedOut (sockets close) and UserDeleted (the erasure saga). 'already-closed'
   * when it was closed before (nothing is written).
   */
  close(userId: string, at: Date, options: { correlationId: string }): Promise<'closed' | 'already-closed'>;
}
