import { httpHandler, ok } from '@chat/http';
import { identityProvider, revocationLedger, sessionStore } from '../adapters/environment';
import { refreshSession } from '../use-cases/refresh-session';
import { refreshBody } from '../domain/requests';

/** POST /auth/refresh `{refreshToken}` → 200 `{accessToken, idToken, expiresIn, tokenType}`; 401 once logged out. */
export const handler = httpHandler({ name: 'refresh', auth: 'none', body: refreshBody }, async ({ body }) =>
  ok(
    await refreshSession(
      { identity: identityProvider(), sessions: sessionStore(), revocations: revocationLedger() },
      body,
    ),
  ),
);
