import { authenticator } from '@chat/auth-verifier';
import { httpHandler, ok, queryParam } from '@chat/http';
import { presenceStore } from '../adapters/environment';
import { getPresence } from '../use-cases/get-presence';

/** GET /presence?userIds=a,b (1 to 100 ids): `{items: [{userId, status, lastSeenAt}]}`. */
export const handler = httpHandler({ name: 'getPresence', auth: authenticator }, async ({ event }) =>
  ok(await getPresence({ presence: presenceStore() }, queryParam(event, 'userIds'))),
);
