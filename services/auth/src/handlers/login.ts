import { httpHandler, ok } from '@chat/http';
import {
  identityProvider,
  loginAttempts,
  loginPolicy,
  revocationLedger,
  sessionStore,
  systemClock,
} from '../adapters/environment';
import { logIn } from '../use-cases/log-in';
import { loginBody } from '../domain/requests';

/** POST /auth/login `{username, password}` → 200 tokens; 401 alike for unknown user and wrong password; 429. */
export const handler = httpHandler({ name: 'login', auth: 'none', body: loginBody }, async ({ body }) =>
  ok(
    await logIn(
      {
        identity: identityProvider(),
        attempts: loginAttempts(),
        sessions: sessionStore(),
        revocations: revocationLedger(),
        clock: systemClock,
        policy: loginPolicy(),
      },
      body,
    ),
  ),
);
