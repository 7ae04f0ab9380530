import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { bearerToken, type Authenticator } from '@chat/http';
import { InvalidTokenError, RevokedTokenError } from './errors';
import { isFinallyRevoked, isRevoked } from './revocation';
import type { CachedRevocationReader } from './revocation-cache';
import type { AccessTokenCheck } from './cognito-token-check';
import { principalOf, tokenSessionOf, type TokenPrincipal } from './token-session';

/** Verifies raw access tokens: the one check every HTTP route and the WebSocket `$connect` use. */
export interface AccessTokenVerifier {
  /**
   * The caller of `token`, or an UnauthenticatedError (→ 401 / handshake refused) when the token is missing,
   * malformed, not an access token of the app client, badly signed, expired, or revoked by a logout.
   */
  verify(token: string | undefined): Promise<TokenPrincipal>;
}

export interface AccessTokenVerifierDependencies {
  checkToken: AccessTokenCheck;
  revocations: CachedRevocationReader;
  /** Sessions remembered as finally revoked, at most (the oldest go first). Default 10 000. */
  maxFinalRefusals?: number;
}

/**
 * Checks the JWT (aws-jwt-verify), then the user's revocation record. A record read from the cache (≤ 1 s old)
 * may accept a token revoked within the last second; a refusal is confirmed by a fresh read, so a session the
 * auth service has just allowed (a login right after a logout) is never refused by a stale cache, unless the
 * refusal is final (`isFinallyRevoked`: a closed account, a session begun well before the logout): that one needs
 * no confirming read and is remembered, so a revoked token that keeps coming back costs no read at all
 * (docs/decisions/002-token-revocation.md, "Fewer reads").
 */
export function createAccessTokenVerifier(deps: AccessTokenVerifierDependencies): AccessTokenVerifier {
  const maxFinal = Math.max(1, deps.maxFinalRefusals ?? 10_000);
  const finallyRevoked = new Set<string>();
  const rememberFinal = (key: string) => {
    finallyRevoked.add(key);
    if (finallyRevoked.size > maxFinal) finallyRevoked.delete(finallyRevoked.values().next().value as string);
  };
  return {
    async verify(token) {
      if (typeof token !== 'string' || token === '') throw new InvalidTokenError();
      const payload = await deps.checkToken(token);
      const principal = principalOf(payload);
      const session = tokenSessionOf(payload);
      const key = `${session.userId}#${session.sessionKey}`;
      if (finallyRevoked.has(key)) throw new RevokedTokenError();
      let record = await deps.revocations.get(session.userId);
      if (isRevoked(record, session) && !isFinallyRevoked(record, session)) {
        record = await deps.revocations.fresh(session.userId);
      }
      if (isFinallyRevoked(record, session)) rememberFinal(key);
      if (isRevoked(record, session)) throw new RevokedTokenError();
      return principal;
    },
  };
}

/** The `Authenticator` of `@chat/http`: the `Authorization: Bearer <accessToken>` header, verified. */
export function bearerAuthenticator(verifier: AccessTokenVerifier): Authenticator {
  return {
    authenticate: async (event: APIGatewayProxyEventV2) => verifier.verify(bearerToken(event)),
  };
}
