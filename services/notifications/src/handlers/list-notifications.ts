import { authenticator } from '@chat/auth-verifier';
import { httpHandler, limitParam, ok, queryParam } from '@chat/http';
import { inbox } from '../adapters/environment';
import { listNotifications } from '../use-cases/list-notifications';

/** GET /notifications?limit=&cursor= → 200 `{items: Notification[], nextCursor}`: the caller's own, newest first. */
export const handler = httpHandler(
  { name: 'listNotifications', auth: authenticator },
  async ({ event, principal }) => {
    const cursor = queryParam(event, 'cursor');
    const page = await listNotifications({ inbox: inbox() }, principal.userId, {
      limit: limitParam(event),
      ...(cursor === undefined ? {} : { cursor }),
    });
    return ok(page);
  },
);
