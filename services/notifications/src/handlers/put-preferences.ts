import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok } from '@chat/http';
import { preferences, systemClock } from '../adapters/environment';
import { preferencesBody } from '../domain/requests';
import { putPreferences } from '../use-cases/preferences';

/** PUT /notifications/preferences `{email, push, mutedRoomIds}` → 200 the stored preferences. */
export const handler = httpHandler(
  { name: 'putPreferences', auth: authenticator, body: preferencesBody },
  async ({ body, principal, logger }) => {
    const stored = await putPreferences(
      { preferences: preferences(), clock: systemClock },
      principal.userId,
      body,
    );
    logger.info('preferences stored', {
      email: stored.email,
      push: stored.push,
      muted: stored.mutedRoomIds.length,
    });
    return ok(stored);
  },
);
