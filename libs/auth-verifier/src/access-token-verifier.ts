import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { bearerToken, type Authenticator } from '@chat/http';
import { InvalidTokenError, RevokedTokenError } from './errors';
import { isRevoked } from './revocation';
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
}

/**
 * Checks the JWT (aws-jwt-verify), then the user's revocation record. A record read from the cache (≤ 1 s old)
 * may accept a token revoked within the last second; a refusal is always confirmed by a fresh read, so a
 * session the auth service has just allowed (a login right after a logout) is never refused by a stale cache.
 */
export function createAccessTokenVerifier(deps: AccessTokenVerifierDependencies): AccessTokenVerifier {
  return {
    async verify(token) {
      if (typeof token !== 'string' || token === '') throw new InvalidTokenError();
      const payload = await deps.checkToken(token);
      const principal = principalOf(payload);
      const session = tokenSessionOf(payload);
      if (isRevoked(await deps.revocations.get(session.userId), session)) {
        if (isRevoked(await deps.revocations.fresh(session.userId), session)) throw new RevokedTokenError();
      }
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
