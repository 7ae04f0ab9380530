import { created, httpHandler } from '@chat/http';
import {
  autoConfirmSignUp,
  identityProvider,
  registrationStore,
  systemClock,
  ulidIds,
} from '../adapters/environment';
import { registerUser } from '../use-cases/register-user';
import { registerBody } from '../domain/requests';

/** POST /auth/register `{username, email, password}` → 201 `{userId, username}`; 409 when either is taken. */
export const handler = httpHandler(
  { name: 'register', auth: 'none', body: registerBody },
  async ({ body, correlationId, logger }) => {
    const registered = await registerUser(
      {
        identity: identityProvider(),
        registrations: registrationStore(),
        clock: systemClock,
        ids: ulidIds,
        autoConfirm: autoConfirmSignUp(),
        logger,
      },
      { ...body, correlationId },
    );
    logger.info('user registered', { userId: registered.userId });
    return created(registered);
  },
);
