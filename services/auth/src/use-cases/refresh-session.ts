import { allowNewSession } from './allow-new-session';
import { InvalidRefreshTokenError } from '../domain/errors';
import type { IdentityProvider, RevocationLedger, SessionStore } from './ports';
import { refreshedTokensResponse, type RefreshedTokensResponse } from './token-response';

export interface RefreshSessionDependencies {
  identity: IdentityProvider;
  sessions: SessionStore;
  revocations: RevocationLedger;
}

/**
 * New access and id tokens for a refresh token. Refused (401) when the refresh token does not belong to a
 * sign-in made through this API, when that sign-in began before the user's last logout (whether or not the
 * client sent the refresh token to /auth/logout), or when the user pool refuses it (revoked, expired).
 */
export async function refreshSession(
  deps: RefreshSessionDependencies,
  input: { refreshToken: string },
): Promise<RefreshedTokensResponse> {
  const session = await deps.sessions.find(input.refreshToken);
  if (!session) throw new InvalidRefreshTokenError();
  const revocation = await deps.revocations.current(session.userId);
  if (revocation && session.startedAt.getTime() <= Date.parse(revocation.revokedAt)) {
    throw new InvalidRefreshTokenError();
  }

  const tokens = await deps.identity.refresh(input.refreshToken);
  if (tokens.session.userId !== session.userId) throw new InvalidRefreshTokenError();
  await allowNewSession(deps, tokens.session, session.startedAt);
  return refreshedTokensResponse(tokens);
}
