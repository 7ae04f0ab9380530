import type { Logger } from '@chat/runtime';
import { REVOCATION_TTL_SECONDS } from '../domain/token-lifetimes';
import { InvalidRefreshTokenError } from '../domain/errors';
import type { Clock, IdentityProvider, RevocationLedger } from './ports';

export interface LogOutDependencies {
  identity: IdentityProvider;
  revocations: RevocationLedger;
  clock: Clock;
  logger: Logger;
}

export interface LogOutInput {
  userId: string;
  /** Optional: also revoked in the user pool (RevokeToken); the session check refuses it in any case. */
  refreshToken?: string;
  correlationId: string;
}

/**
 * Logs the user out everywhere: records "every session begun before now is revoked" (every service's
 * verifier refuses those tokens within a second; the refresh endpoint refuses their refresh tokens), and
 * revokes the given refresh token in the user pool. The record's stream publishes UserLoggedOut, on which
 * the realtime service closes the user's sockets.
 */
export async function logOut(deps: LogOutDependencies, input: LogOutInput): Promise<void> {
  const now = deps.clock.now();
  await deps.revocations.revoke(input.userId, now, {
    expiresAt: new Date(now.getTime() + REVOCATION_TTL_SECONDS * 1000),
    correlationId: input.correlationId,
  });
  if (input.refreshToken === undefined) return;
  try {
    await deps.identity.revokeRefreshToken(input.refreshToken);
  } catch (error) {
    if (!(error instanceof InvalidRefreshTokenError)) throw error;
    deps.logger.info('logout: the given refresh token was already invalid');
  }
}
