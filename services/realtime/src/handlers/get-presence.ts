import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok, queryParam } from '@chat/http';
import { membershipReader, presenceStore } from '../adapters/environment';
import { getPresence } from '../use-cases/get-presence';

/**
 * GET /presence?userIds=a,b (1 to 100 ids): `{items: [{userId, status, lastSeenAt}]}` for the caller and the
 * asked users who share a room with the caller; others are left out.
 */
export const handler = httpHandler(
  { name: 'getPresence', auth: authenticator },
  async ({ event, principal }) =>
    ok(
      await getPresence(
        { presence: presenceStore(), memberships: membershipReader() },
        principal.userId,
        queryParam(event, 'userIds'),
      ),
    ),
);
