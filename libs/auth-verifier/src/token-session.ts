import { InvalidTokenError } from './errors';

/** The caller a verified access token stands for (the shape of `@chat/http`'s Principal). */
export interface TokenPrincipal {
  /** The Cognito `sub`. */
  userId: string;
  username: string;
  /** The token's `iat`, in seconds since the epoch. */
  tokenIssuedAt: number;
}

/**
 * What the revocation check needs to know about a token: whose it is, when its sign-in session began and which
 * session it belongs to. Cognito keeps `auth_time` and `origin_jti` across refreshes (they name the sign-in);
 * cognito-local has neither notion, so `iat` and `jti` stand in for them there.
 */
export interface TokenSession {
  userId: string;
  /** `auth_time`, else `iat`: seconds since the epoch. */
  authTime: number;
  /** `origin_jti`, else `jti`. */
  sessionKey: string;
}

function stringClaim(payload: Record<string, unknown>, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function secondsClaim(payload: Record<string, unknown>, name: string): number | undefined {
  const value = payload[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function required<T>(value: T | undefined, claim: string): T {
  if (value === undefined) throw new InvalidTokenError({ cause: new Error(`claim ${claim} is missing`) });
  return value;
}

/** The revocation-relevant claims of an access token payload; an InvalidTokenError when one is missing. */
export function tokenSessionOf(payload: Record<string, unknown>): TokenSession {
  const iat = required(secondsClaim(payload, 'iat'), 'iat');
  return {
    userId: required(stringClaim(payload, 'sub'), 'sub'),
    authTime: secondsClaim(payload, 'auth_time') ?? iat,
    sessionKey: required(stringClaim(payload, 'origin_jti') ?? stringClaim(payload, 'jti'), 'jti'),
  };
}

/** The principal of an access token payload; an InvalidTokenError when a claim is missing. */
export function principalOf(payload: Record<string, unknown>): TokenPrincipal {
  return {
    userId: required(stringClaim(payload, 'sub'), 'sub'),
    username: required(stringClaim(payload, 'username'), 'username'),
    tokenIssuedAt: required(secondsClaim(payload, 'iat'), 'iat'),
  };
}
