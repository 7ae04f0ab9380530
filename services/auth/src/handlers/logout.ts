import { authenticator } from '@chat/auth-verifier';
import { httpHandler, noContent, parseJsonBody } from '@chat/http';
import { identityProvider, revocationLedger, systemClock } from '../adapters/environment';
import { logOut } from '../use-cases/log-out';
import { logoutBody } from '../domain/requests';

/**
 * POST /auth/logout → 204: every token of the caller issued before is refused from now on. No body is
 * needed; an optional `{refreshToken}` is also revoked in the user pool.
 */
export const handler = httpHandler(
  { name: 'logout', auth: authenticator },
  async ({ event, principal, correlationId, logger }) => {
    const body = event.body ? parseJsonBody(event, logoutBody) : {};
    await logOut(
      { identity: identityProvider(), revocations: revocationLedger(), clock: systemClock, logger },
      {
        userId: principal.userId,
        correlationId,
        ...(body.refreshToken ? { refreshToken: body.refreshToken } : {}),
      },
    );
    logger.info('user logged out', { userId: principal.userId });
    return noContent();
  },
);
