import { authenticator } from '@chat/auth-verifier';
import { accepted, httpHandler } from '@chat/http';
import { identityProvider, profileStore, revocationLedger, systemClock } from '../adapters/environment';
import { closeAccountBody } from '../domain/requests';
import { closeAccount } from '../use-cases/close-account';

/**
 * DELETE /users/me `{password}` → 202: the account is closed at once (tokens refused, sockets closed, login
 * refused); the services erase the user's data from UserDeleted. Wrong password: 401 and nothing changes.
 */
export const handler = httpHandler(
  { name: 'closeAccount', auth: authenticator, body: closeAccountBody },
  async ({ body, principal, correlationId, logger }) => {
    const outcome = await closeAccount(
      {
        identity: identityProvider(),
        profiles: profileStore(),
        revocations: revocationLedger(),
        clock: systemClock,
        logger,
      },
      { userId: principal.userId, password: body.password, correlationId },
    );
    logger.info(outcome === 'closed' ? 'account closed' : 'account already closed', {
      userId: principal.userId,
    });
    return accepted();
  },
);
